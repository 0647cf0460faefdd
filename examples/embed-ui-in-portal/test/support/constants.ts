export const PORTAL_MASTER_KEY = 'sk-portal-example-master';
