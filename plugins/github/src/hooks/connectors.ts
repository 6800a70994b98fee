import {connectorsHook} from '@tf/sdk';
import {githubConnector} from '../index';

export default connectorsHook([githubConnector]);
