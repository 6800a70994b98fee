export {openaiConnector, OpenAIConnector} from './connector';
export {openaiRoutes} from './routes';
export {azureToOpenAIPath, isAzureConfig} from './azure';
export {openaiConnector as default} from './connector';
