import { render } from 'preact';
import { App } from './App.jsx';
import './style.css';

render(<App />, document.getElementById('app'));
// Rendering is synchronous: this mark is when the first screen is on the page (measured by the browser test).
performance.mark('tributary:first-screen');
