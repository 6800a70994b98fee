import {connectorsHook} from '@tf/sdk';
import {anthropicConnector} from '../index';

export default connectorsHook([anthropicConnector]);
