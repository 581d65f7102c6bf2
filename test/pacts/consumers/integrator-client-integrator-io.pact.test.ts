import { definePactSuite } from '../pact-suite.js';
import { pair } from '../pairs/integrator-client-integrator-io.js';

definePactSuite(pair);
