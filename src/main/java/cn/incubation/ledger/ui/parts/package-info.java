/**
 * What the carrier, tenant and trail pages share: a fact in words ({@link cn.incubation.ledger.ui.parts.FactText}),
 * a chart's data for ECharts, the two times of a page's question and a table sent as a download.
 */
package cn.incubation.ledger.ui.parts;
