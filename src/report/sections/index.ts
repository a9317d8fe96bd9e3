/**
 * The report's sections in reading order. A new kind of result (simulation risk, a plan) becomes
 * one more builder here that reads its own optional field of ReportData and returns null without it.
 */
import { backtestSection } from './backtest.js';
import { commitmentsSection } from './commitments.js';
import { concentrationSection } from './concentration.js';
import { dependencySection } from './dependency.js';
import { haloSection } from './halo.js';
import { planSection } from './plan.js';
import { riskSection } from './risk.js';
import type { SectionBuilder } from './section.js';
import { channelsSection, marketsSection } from './shares.js';
import { stockSection } from './stock.js';
import { summarySection } from './summary.js';

export type { Section, SectionBuilder, SectionContext } from './section.js';

export const SECTIONS: readonly SectionBuilder[] = [
  summarySection,
  channelsSection,
  marketsSection,
  concentrationSection,
  dependencySection,
  stockSection,
  commitmentsSection,
  haloSection,
  riskSection,
  backtestSection,
  planSection,
];
