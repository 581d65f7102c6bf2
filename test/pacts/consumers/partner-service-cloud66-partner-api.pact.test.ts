import { definePactSuite } from '../pact-suite.js';
import { pair } from '../pairs/partner-service-cloud66-partner-api.js';

definePactSuite(pair);
