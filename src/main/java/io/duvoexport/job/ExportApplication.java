package io.duvoexport.job;

import io.duvoexport.config.ExportProperties;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/** The Spring Boot application that hosts the export job and the report command. */
@SpringBootApplication(scanBasePackages = "io.duvoexport.job")
@EnableConfigurationProperties(ExportProperties.class)
public class ExportApplication {}
