import { definePactSuite } from '../pact-suite.js';
import { pair } from '../pairs/saas-provider-centurylink-marketplace.js';

definePactSuite(pair);
