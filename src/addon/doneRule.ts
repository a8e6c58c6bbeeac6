/**
 * The done rule of a template tab (marks.ts, DONE_RULE_FORMULA): one conditional format rule
 * greys every row whose check text says "Done:", across A:R. Sheets keeps it as the admin works,
 * but a paste can cut a rule's range into pieces, rows added at the bottom may fall outside it,
 * rows deleted shrink it, and an admin can delete it; so the functions that mark rows done, paint a
 * done row plain or delete rows make sure of it first (docs/design.md, "Marks").
 */
import { columnLetter } from '../core/columns';
import { DONE_RULE_FORMULA, FILL, MARKED_WIDTH } from '../core/marks';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Rule = GoogleAppsScript.Spreadsheet.ConditionalFormatRule;

/** A formula as compared: Sheets may hand it back spaced or cased its own way. */
function squeezed(formula: string): string {
  return formula.replace(/\s+/g, '').toUpperCase();
}

/** A formula with the row of its first reference left out: rows inserted above a rule's range move `$R2` down with it. */
function anyRow(formula: string): string {
  return formula.replace(/(\$?[A-Z]+\$?)\d+/, '$1');
}

const DONE_FORMULA = squeezed(DONE_RULE_FORMULA);

/** The rule's custom formula, squeezed; null for any other kind of rule. */
function formulaOf(rule: Rule): string | null {
  const formula = rule.getBooleanCondition()?.getCriteriaValues()[0];
  return typeof formula === 'string' ? squeezed(formula) : null;
}

/** Ours, at whatever row rows inserted above it moved it to. */
function isDoneRule(rule: Rule): boolean {
  const formula = formulaOf(rule);
  return formula !== null && anyRow(formula) === anyRow(DONE_FORMULA);
}

/**
 * Whether the rule is the done rule, greying every done row: its formula's relative `$R2` is read
 * from the top-left cell of its first range, so that range must start at A2 (an admin who
 * stretches it over the header, A1:R or A:R, leaves `$R2` reading the row below) and hold every
 * data row of A:R.
 */
function standsWhole(rule: Rule, lastRow: number): boolean {
  const first = rule.getRanges()[0];
  return (
    formulaOf(rule) === DONE_FORMULA &&
    first !== undefined &&
    first.getRow() === 2 &&
    first.getColumn() === 1 &&
    first.getLastRow() >= lastRow &&
    first.getLastColumn() >= MARKED_WIDTH
  );
}

/**
 * Makes the tab's done rule cover A2:R to the last row, first among the tab's rules (a done row
 * is grey whatever else an admin's rule would show), keeping every other rule as it is. Two
 * calls when it stands; three when it is (re)written. Returns whether it was.
 */
export function ensureDoneRule(sheet: Sheet): boolean {
  const rules = sheet.getConditionalFormatRules();
  // An open-ended range ends at the tab's last row: its size without a getMaxRows call.
  const dataRows = sheet.getRange(`A2:${columnLetter(MARKED_WIDTH)}`);
  const first = rules[0];
  if (first !== undefined && standsWhole(first, dataRows.getLastRow()) && rules.filter(isDoneRule).length === 1) return false;
  const rule = SpreadsheetApp.newConditionalFormatRule()
    .whenFormulaSatisfied(DONE_RULE_FORMULA)
    .setBackground(FILL.done)
    .setRanges([dataRows])
    .build();
  sheet.setConditionalFormatRules([rule, ...rules.filter((r) => !isDoneRule(r))]);
  return true;
}
