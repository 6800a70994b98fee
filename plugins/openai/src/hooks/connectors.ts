import {connectorsHook} from '@tf/sdk';
import {openaiConnector} from '../index';

export default connectorsHook([openaiConnector]);
