import {connectorsHook} from '@tf/sdk';
import {slackConnector} from '../index';

export default connectorsHook([slackConnector]);
