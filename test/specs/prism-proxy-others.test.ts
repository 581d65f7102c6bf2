import { describePrismProxy } from './prism-proxy-suite.js';

describePrismProxy(['cloud66', 'centurylink', 'oem'], true);
