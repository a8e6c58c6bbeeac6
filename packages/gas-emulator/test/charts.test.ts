import { describe, expect, it } from 'vitest';
import { emulatorFromJSON } from '../src';
import { setup } from './helpers';

function lineChart(sheet: GoogleAppsScript.Spreadsheet.Sheet) {
  return sheet
    .newChart()
    .asLineChart()
    .addRange(sheet.getRange('A1:A13'))
    .addRange(sheet.getRange('F1:G13'))
    .setPosition(2, 11, 5, 10)
    .setOption('title', 'Active against the cap')
    .build();
}

describe('embedded charts', () => {
  it('builds a line chart, inserts it, and reads back its ranges, options and position', () => {
    const { ss } = setup();
    const sheet = ss.getActiveSheet();
    const built = lineChart(sheet);
    expect(built.getChartId()).toBeNull();
    expect(sheet.getCharts()).toHaveLength(0);
    sheet.insertChart(built);
    const [chart] = sheet.getCharts();
    expect(chart?.getChartId()).toBe(1);
    expect(chart?.getRanges().map((r) => r.getA1Notation())).toEqual(['A1:A13', 'F1:G13']);
    expect(chart?.getOptions().get('title')).toBe('Active against the cap');
    const info = chart?.getContainerInfo();
    expect([info?.getAnchorRow(), info?.getAnchorColumn(), info?.getOffsetX(), info?.getOffsetY()]).toEqual([2, 11, 5, 10]);
  });

  it('updates a chart in place through modify(), and removes it', () => {
    const { ss } = setup();
    const sheet = ss.getActiveSheet();
    sheet.insertChart(lineChart(sheet));
    const chart = sheet.getCharts()[0]!;
    sheet.updateChart(chart.modify().clearRanges().addRange(sheet.getRange('A1:B4')).setOption('title', 'New').build());
    const charts = sheet.getCharts();
    expect(charts).toHaveLength(1);
    expect(charts[0]?.getChartId()).toBe(1);
    expect(charts[0]?.getRanges().map((r) => r.getA1Notation())).toEqual(['A1:B4']);
    expect(charts[0]?.getOptions().get('title')).toBe('New');
    // A chart built from scratch is not on the sheet yet: updating it is refused, as in Sheets.
    expect(() => sheet.updateChart(lineChart(sheet))).toThrow('The chart could not be found on this sheet');
    sheet.removeChart(charts[0]!);
    expect(sheet.getCharts()).toHaveLength(0);
  });

  it('keeps a built chart apart from its builder, and a read chart apart from the sheet', () => {
    const { ss } = setup();
    const sheet = ss.getActiveSheet();
    const builder = sheet.newChart().asLineChart().addRange(sheet.getRange('A1:B3'));
    const chart = builder.build();
    builder.setOption('title', 'later');
    sheet.insertChart(chart);
    expect(sheet.getCharts()[0]?.getOptions().get('title')).toBeNull();
    sheet.getCharts()[0]?.modify().setOption('title', 'not saved');
    expect(sheet.getCharts()[0]?.getOptions().get('title')).toBeNull();
  });

  it('counts the sheet calls, not the builder', () => {
    const { emu, ss } = setup();
    const sheet = ss.getActiveSheet();
    const range = sheet.getRange('A1:B3');
    emu.counter.reset();
    sheet.insertChart(sheet.newChart().asLineChart().addRange(range).setOption('title', 'x').build());
    sheet.getCharts();
    expect(emu.counter.byMethod).toEqual({ 'Sheet.newChart': 1, 'Sheet.insertChart': 1, 'Sheet.getCharts': 1 });
  });

  it('saves charts in the workbook JSON and restores them', () => {
    const { emu, ss } = setup();
    const sheet = ss.insertSheet('Report');
    sheet.insertChart(lineChart(sheet));
    const json = emu.toJSON();
    expect(json.sheets[1]?.charts).toEqual([
      {
        id: 1,
        type: 'LINE',
        ranges: ["'Report'!A1:A13", "'Report'!F1:G13"],
        position: { anchorRow: 2, anchorColumn: 11, offsetX: 5, offsetY: 10 },
        options: { title: 'Active against the cap' },
      },
    ]);
    const again = emulatorFromJSON(json);
    const app = again.globals.SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp;
    const report = app.getActiveSpreadsheet().getSheetByName('Report')!;
    expect(
      report
        .getCharts()[0]
        ?.getRanges()
        .map((r) => r.getA1Notation()),
    ).toEqual(['A1:A13', 'F1:G13']);
    report.insertChart(lineChart(report));
    expect(report.getCharts().map((c) => c.getChartId())).toEqual([1, 2]);
    expect(again.sheet('Report')?.charts()).toHaveLength(2);
  });
});
