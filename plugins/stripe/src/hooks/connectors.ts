import {connectorsHook} from '@tf/sdk';
import {stripeConnector} from '../index';

export default connectorsHook([stripeConnector]);
