import { definePactSuite } from '../pact-suite.js';
import { pair } from '../pairs/oem-client-mspc-oem-api.js';

definePactSuite(pair);
