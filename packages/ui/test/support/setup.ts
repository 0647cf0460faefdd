import { configure } from '@testing-library/react';

// Pages are lazy chunks transformed on first import; give findBy* room on a busy machine.
configure({ asyncUtilTimeout: 8_000 });
