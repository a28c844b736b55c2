import { defineCheck } from '../../../core/check.js';
import { error, fail, pass } from '../../../core/result.js';
import { extStr } from '../facts.js';

const IMMUTABLE = new Set(['IMMUTABLE', 'IMMUTABLE_WITH_EXCLUSION']);
const MUTABLE = new Set(['MUTABLE', 'MUTABLE_WITH_EXCLUSION']);

export default defineCheck({
  id: 'aws.ecr.repository_tags_immutable',
  title: 'ECR repositories keep image tags immutable',
  severity: 'low',
  resource: 'aws.ecr.repository',
  facts: { 'aws.ecr.repository': ['image_tag_mutability'] },
  triggers: [],
  description: 'An image tag in the repository can be moved to another image by pushing again.',
  risk: 'A deployment that pulls a tag (v1.4.2) can get a different image than the one tested and approved, whether by mistake or by someone who can push.',
  remediation: {
    text: 'Make the repository\'s tags immutable (exclusion filters can keep a few moving tags such as "latest").',
    cli: 'aws ecr put-image-tag-mutability --repository-name <name> --image-tag-mutability IMMUTABLE',
  },
  references: ['https://docs.aws.amazon.com/AmazonECR/latest/userguide/image-tag-mutability.html'],
  evaluate(repo) {
    const setting = extStr(repo, 'image_tag_mutability');
    if (setting === null) return error('the tag mutability setting is missing from the answer');
    if (IMMUTABLE.has(setting))
      return pass(
        setting === 'IMMUTABLE' ? 'tags are immutable' : 'tags are immutable except the excluded ones',
      );
    if (MUTABLE.has(setting)) return fail(`tags of ${repo.com.name} can be moved (${setting})`);
    return error(`unknown tag mutability setting ${setting}`);
  },
});
