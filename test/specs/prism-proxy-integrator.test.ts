import { describePrismProxy } from './prism-proxy-suite.js';

// integrator.io's 65 operations alone: the largest share of the Prism proxy checks, beside the others' file.
describePrismProxy(['integrator'], false);
