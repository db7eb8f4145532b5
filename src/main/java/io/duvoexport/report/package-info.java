/**
 * Reports over the published runs dataset: the SQL in {@code sql/} run by DuckDB, published as
 * CSV and Parquet under {@code <output>/reports}; the DuckDB catalog {@code analytics.duckdb}
 * with views of the dataset and of every report; the HTML report {@code reports/index.html};
 * and a plain-text table for the console.
 *
 * <p>Entry points: {@link io.duvoexport.report.ReportRunner} (optionally with a
 * {@link io.duvoexport.report.ReportFilter}), {@link io.duvoexport.report.AnalyticsCatalog},
 * {@link io.duvoexport.report.DashboardPublisher} and {@link io.duvoexport.report.TextTable}.
 * Everything else is package-private; the page itself is rendered by
 * {@code io.duvoexport.report.html}.
 */
package io.duvoexport.report;
