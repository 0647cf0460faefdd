import { renderPortal } from './portal.js';

const container = document.getElementById('portal');
if (container) renderPortal(container);
