# duvo-runs-export: make demo, then make test. Overrides: make run ARGS="--mode=full --force"
.PHONY: build test soak chromium run demo simulate bench bench-quick clean help

MVN  ?= mvn -B -q
JAVA ?= java
CHROMIUM ?= chromium
JAR  := target/duvo-runs-export.jar
JVM_OPTIONS := @jobs/jvm.options
ARGS ?=

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'

build: ## compile and package the executable jar (tests skipped)
	$(MVN) package -DskipTests

# every test: unit, simulator, end to end, kill and resume, the HTML in Chromium, the nightly wrapper
test: chromium ## run every test (about 5 minutes)
	$(MVN) verify
	bash jobs/tests/nightly-wrapper.sh

SEEDS ?= 25
soak: ## kill the exporter at many more random moments (SEEDS per kind, default 25)
	$(MVN) test -Dtest=KillAndResumeTest -Dkill.seeds=$(SEEDS)

SUDO := $(shell [ "$$(id -u)" -eq 0 ] || echo sudo)

chromium: ## install Debian's chromium (headless browser of the HTML report's test) if missing
	@command -v $(CHROMIUM) >/dev/null || \
		($(SUDO) apt-get update -qq && \
		$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium)

run: build ## export once against the API that DUVO_BASE_URL names (real or simulated)
	$(JAVA) $(JVM_OPTIONS) -jar $(JAR) export $(ARGS)

demo: build ## export from the built-in simulator into ./out/demo and print the failure rate by agent
	$(JAVA) $(JVM_OPTIONS) -jar $(JAR) demo $(ARGS)

simulate: build ## serve a simulated Duvo API and print the settings to use it
	$(JAVA) -jar $(JAR) simulate $(ARGS)

BENCH_RUN = $(MVN) dependency:build-classpath -Dmdep.outputFile=target/bench.classpath \
		-Dmdep.includeScope=test && \
	$(JAVA) -Xmx10g -cp target/test-classes:target/classes:$$(cat target/bench.classpath) \
		io.duvoexport.bench.ExportBenchmark

bench: build ## the performance benchmark (about 8 minutes, not part of test): writes BENCHMARKS.md
	$(BENCH_RUN) full $(JAR) sql target/bench

bench-quick: build ## the same scenarios smaller (about a minute): prints the table, writes nothing tracked
	$(BENCH_RUN) quick $(JAR) sql target/bench-quick

clean: ## remove build output and ./out
	$(MVN) clean
	rm -rf out
