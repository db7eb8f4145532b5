# duvo-runs-export: make demo, then make test. Overrides: make run ARGS="--mode=full --force"
.PHONY: build test run demo simulate bench bench-quick clean help

MVN  ?= mvn -B -q
JAVA ?= java
JAR  := target/duvo-runs-export.jar
ARGS ?=

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'

build: ## compile and package the executable jar (tests skipped)
	$(MVN) package -DskipTests

test: ## run every test (unit, simulator, end to end)
	$(MVN) verify

run: build ## export once against the API that DUVO_BASE_URL names (real or simulated)
	$(JAVA) -jar $(JAR) export $(ARGS)

demo: build ## export from the built-in simulator into ./out/demo and print the failure rate by agent
	$(JAVA) -jar $(JAR) demo $(ARGS)

simulate: build ## serve a simulated Duvo API and print the settings to use it
	$(JAVA) -jar $(JAR) simulate $(ARGS)

clean: ## remove build output and ./out
	$(MVN) clean
	rm -rf out
