import {connectorsHook} from '@tf/sdk';
import {jiraConnector} from '../index';

export default connectorsHook([jiraConnector]);
