import {connectorsHook} from '@tf/sdk';
import {genericConnector} from '../index';

export default connectorsHook([genericConnector]);
