// Starts the wall's watchers from the prerendered page itself, before (and without) a live circuit.
// An external file rather than an inline script: the Content-Security-Policy allows scripts from 'self' only.
import { start } from './wall.js';

const tick = Number(document.querySelector('script[data-wall-tick]')?.dataset.wallTick ?? 5);
start(Number.isFinite(tick) && tick > 0 ? tick : 5);
