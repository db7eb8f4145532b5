package io.duvoexport.job;

import io.duvoexport.api.RateLimitPacer;
import io.duvoexport.api.RetryPolicy;
import io.duvoexport.api.RunFilter;
import io.duvoexport.api.RunsClient;
import io.duvoexport.api.RunsPage;
import io.duvoexport.config.ApiKeyResolver;
import io.duvoexport.config.ConfigurationException;
import io.duvoexport.config.ExportProperties;
import io.duvoexport.config.RunFilterFactory;
import io.duvoexport.export.ExportPlan;
import io.duvoexport.export.ExportWindow;
import io.duvoexport.export.FetchUnit;
import io.duvoexport.export.PageStager;
import io.duvoexport.export.RunRowDecoder;
import io.duvoexport.export.StagingArea;
import io.duvoexport.export.Storage;
import io.duvoexport.publish.PartitionPublisher;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.hadoop.fs.Path;
import org.springframework.batch.core.configuration.annotation.JobScope;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.env.Environment;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The export job: {@code plan} (first pages, the work split) then {@code fetch} (units of pages,
 * concurrently, each restartable) then {@code verify} (the joints between units) then
 * {@code publish} (merge and atomic swap, manifest, and the reports: DuckDB over the published
 * dataset, undone with the rest if a report fails).
 */
@Configuration(proxyBeanMethods = false)
public class ExportJobConfiguration {

    public static final String JOB_NAME = "runsExport";

    @Bean
    Storage storage(ExportProperties properties) {
        return Storage.open(properties.exportDir());
    }

    @Bean
    RunFilter runFilter(ExportProperties properties) {
        return RunFilterFactory.from(properties.filter());
    }

    /** Lazy, so that commands which never call the API need no key: inject it as a provider. */
    @Bean
    @Lazy
    RunsClient runsClient(ExportProperties properties, Environment environment) {
        ExportProperties.Http http = properties.http();
        try {
            return RunsClient.builder()
                    .baseUrl(properties.baseUrl())
                    .teamId(properties.teamId())
                    .apiKey(ApiKeyResolver.resolve(environment))
                    .allowInsecureHttp(properties.allowInsecureHttp())
                    .connectTimeout(http.connectTimeout())
                    .readTimeout(http.readTimeout())
                    .retryPolicy(new RetryPolicy(http.maxAttempts(), http.initialBackoff(),
                            http.maxBackoff(), http.retryAfterFloor(), http.requestDeadline()))
                    .pacer(new RateLimitPacer(http.maxRequestsPerMinute()))
                    .runDecoder(new RunRowDecoder(properties.teamId()))
                    .build();
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(e.getMessage());
        }
    }

    @Bean
    Job exportJob(JobRepository repository, Step planStep, Step fetchStep, Step verifyStep,
            Step publishStep, StagingCleanup cleanup,
            RequestCountListener requestCount) {
        return new JobBuilder(JOB_NAME, repository)
                .start(planStep)
                .next(fetchStep)
                .next(verifyStep)
                .next(publishStep)
                .listener(requestCount)
                .listener(cleanup)
                .build();
    }

    @Bean
    RequestCountListener requestCountListener(Storage storage, ObjectProvider<RunsClient> client) {
        return new RequestCountListener(storage, client::getObject);
    }

    @Bean
    DriftMonitor driftMonitor() {
        return new DriftMonitor();
    }

    @Bean
    Step verifyStep(JobRepository repository, PlatformTransactionManager tx, Storage storage,
            ObjectProvider<RunsClient> client, RunFilter filter, ExportProperties properties,
            DriftMonitor drift, RequestCountListener requestCount) {
        UnitPageReader.Paging paging = new UnitPageReader.Paging(properties.fetch().pageSize(),
                properties.fetch().boundaryOverlap(), null, null);
        return new StepBuilder("verify", repository)
                .tasklet(new VerifyTasklet(storage, client::getObject, filter, paging, drift), tx)
                .listener(requestCount)
                .build();
    }

    @Bean
    StagingCleanup stagingCleanup(Storage storage) {
        return new StagingCleanup(storage);
    }

    @Bean
    Step planStep(JobRepository repository, PlatformTransactionManager tx,
            ObjectProvider<RunsClient> client, Storage storage, RunFilter filter,
            ExportProperties properties, RequestCountListener requestCount) {
        ExportProperties.Fetch fetch = properties.fetch();
        return new StepBuilder("plan", repository)
                .tasklet(new PlanTasklet(storage,
                        () -> new ExportPlanner(client.getObject(), storage, filter,
                                properties.statusStrategy(), fetch.pageSize(),
                                fetch.boundaryOverlap(), fetch.pagesPerUnit(),
                                fetch.concurrency()),
                        properties.incremental()), tx)
                .listener(requestCount)
                .build();
    }

    @Bean
    Step fetchStep(JobRepository repository, Step fetchUnitStep, Partitioner unitPartitioner,
            ExportProperties properties) {
        SimpleAsyncTaskExecutor executor = new SimpleAsyncTaskExecutor("fetch-");
        executor.setConcurrencyLimit(properties.fetch().concurrency());
        return new StepBuilder("fetch", repository)
                .partitioner("fetchUnit", unitPartitioner)
                .step(fetchUnitStep)
                .taskExecutor(executor)
                .gridSize(properties.fetch().concurrency())
                .build();
    }

    @Bean
    @JobScope
    Partitioner unitPartitioner(Storage storage,
            @Value("#{jobExecution.jobInstanceId}") long instanceId) {
        ExportPlan decoded = PlanCodec.load(storage, instanceId);
        return gridSize -> {
            Map<String, ExecutionContext> partitions = new LinkedHashMap<>();
            for (FetchUnit unit : decoded.units()) {
                partitions.put(unit.name(), UnitPageReader.describe(unit));
            }
            return partitions;
        };
    }

    @Bean
    Step fetchUnitStep(JobRepository repository, PlatformTransactionManager tx,
            UnitPageReader unitPageReader, StagingItemWriter stagingItemWriter,
            ExportProperties properties, RequestCountListener requestCount, Storage storage) {
        return new StepBuilder("fetchUnit", repository)
                .<RunsPage, RunsPage>chunk(properties.fetch().pagesPerCommit())
                .transactionManager(tx)
                .reader(unitPageReader)
                .writer(stagingItemWriter)
                .listener(requestCount)
                .listener(new UnitContextRestorer(storage))
                .build();
    }

    @Bean
    @StepScope
    UnitPageReader unitPageReader(RunsClient client, RunFilter filter,
            ExportProperties properties, DriftMonitor drift,
            Storage storage,
            @Value("#{stepExecution.jobExecution.jobInstanceId}") long instanceId) {
        ExportWindow window = PlanCodec.load(storage, instanceId).window();
        StagingArea staging = new StagingArea(storage, PlanTasklet.stagingDir(storage, instanceId));
        UnitPageReader.Paging paging = new UnitPageReader.Paging(properties.fetch().pageSize(),
                properties.fetch().boundaryOverlap(), ExportPlanner.sortOrder(window),
                window.start());
        return new UnitPageReader(client, filter, paging, staging::latestProgress, drift);
    }

    @Bean
    @StepScope
    StagingItemWriter stagingItemWriter(Storage storage, ExportProperties properties,
            @Value("#{stepExecution.jobExecution.jobInstanceId}") long instanceId,
            @Value("#{stepExecutionContext['unit.name']}") String unitName,
            @Value("#{stepExecutionContext['unit.status']}") String unitStatus,
            UnitPageReader unitPageReader) {
        ExportPlan decoded = PlanCodec.load(storage, instanceId);
        PageStager stager = new PageStager(storage, new Path(decoded.stagingDir()),
                properties.teamId(), decoded.exportedAt(), decoded.window());
        return new StagingItemWriter(stager, unitName, unitStatus.isEmpty() ? null : unitStatus,
                unitPageReader);
    }

    @Bean
    Step publishStep(JobRepository repository, PlatformTransactionManager tx, Storage storage,
            ObjectProvider<RunsClient> client, ExportProperties properties, DriftMonitor drift) {
        return new StepBuilder("publish", repository)
                .tasklet(new PublishTasklet(storage, () -> client.getObject().stats(),
                        properties.maxRejectRatio(), drift,
                        new NightlyReports(storage, properties.report()),
                        PartitionPublisher.concurrency(properties.publish().mergeConcurrency())),
                        tx)
                .build();
    }
}
