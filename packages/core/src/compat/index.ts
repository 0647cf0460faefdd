export {
  type BrowserLoginSupport,
  browserLoginSupport,
  compareLiteLLMVersions,
  featureRequirement,
  LITELLM_FEATURES,
  type LiteLLMFeature,
  type LiteLLMVersion,
  litellmSupports,
  parseLiteLLMVersion,
} from './litellm-versions.js';
