import { definePactSuite } from '../pact-suite.js';
import { pair } from '../pairs/centurylink-marketplace-saas-provider.js';

definePactSuite(pair);
