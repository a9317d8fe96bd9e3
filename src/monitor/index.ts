/**
 * monitor: alert rules (alerts.yaml), their evaluation against the workspace's figures, the words
 * of each alert in the seller's language, and delivery to a webhook and by e-mail.
 */
import { parseInputValue, parseYamlInput } from '../scenario/index.js';
import { alertRulesSchema, type AlertRules } from './rules.js';

export { evaluateRules, type FiredAlert, type MonitorFacts } from './evaluate.js';
export { alertMessage, mailSubject } from './messages.js';
export { postSigned, signature, DEFAULT_RETRY, type DeliveryResult, type RetryPolicy } from './webhook.js';
export { sendMail } from './email.js';
export { DEFAULT_RULES, LANGUAGES, type AlertLanguage, type AlertRule, type AlertRules } from './rules.js';

/**
 * @throws BallastError('bad-input') naming the file and the key path of the first problem.
 * @example
 *   const rules = parseAlertRules(await readFile('alerts.yaml', 'utf8'), 'alerts.yaml');
 */
export function parseAlertRules(text: string, fileName: string): AlertRules {
  return parseYamlInput(text, fileName, alertRulesSchema, 'docs/alerts.md');
}

/**
 * The same rules as a value already read (server mode's JSON body), checked the same way.
 * @throws BallastError('bad-input') naming `where` and the key path of the first problem.
 * @example
 *   const rules = parseAlertRulesValue(JSON.parse(body), 'the request body');
 */
export function parseAlertRulesValue(value: unknown, where: string): AlertRules {
  return parseInputValue(value, where, alertRulesSchema, 'docs/alerts.md');
}
