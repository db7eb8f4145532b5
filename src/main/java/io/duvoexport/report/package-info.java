/**
 * Reports over the published runs dataset: the SQL in {@code sql/} run by DuckDB, published as
 * CSV and Parquet under {@code <output>/reports}, and a plain-text table for the console.
 *
 * <p>Entry points: {@link io.duvoexport.report.ReportRunner} and
 * {@link io.duvoexport.report.TextTable}. Everything else is package-private.
 */
package io.duvoexport.report;
