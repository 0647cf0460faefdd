import './styles/standalone.css';
import { mount } from './index.js';

const element = document.getElementById('root');
if (element) mount(element);
