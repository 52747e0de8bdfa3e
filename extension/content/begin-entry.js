// The first of the frame's two content scripts (bundled as content/early.js): see begin.js.
import { beginAndHandOver } from './begin.js';

beginAndHandOver();
