/**
 * The HTML report: {@link io.duvoexport.report.html.DashboardPage} renders
 * {@link io.duvoexport.report.html.DashboardData} as one self-contained page with inline CSS and
 * inline SVG charts drawn here, escaping every text that comes from the data.
 */
package io.duvoexport.report.html;
