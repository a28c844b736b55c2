import { inspectorFindings } from '../collectors/imported-findings.js';
import { inspectorFindingNormaliser } from '../normalisers/imported-findings.js';
import { defineAwsResource } from '../resource.js';

/** The active findings of the region's detector, one record each, for its import check. */
export default defineAwsResource({ collector: inspectorFindings, normaliser: inspectorFindingNormaliser });
