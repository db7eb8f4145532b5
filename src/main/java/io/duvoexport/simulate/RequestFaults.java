package io.duvoexport.simulate;

import java.util.SplittableRandom;

/**
 * The faults of one request: which ones fire, under the plan current when it arrived, and a
 * record of those injected. Thread-safe.
 */
final class RequestFaults {

    private final FaultInjector injector;
    private final FaultPlan plan;
    private final long number;
    private final long planRequest;

    /**
     * @param number the request's number since the simulator started, from 1
     * @param planRequest its number since {@code plan} took effect, from 1
     */
    RequestFaults(FaultInjector injector, FaultPlan plan, long number, long planRequest) {
        this.injector = injector;
        this.plan = plan;
        this.number = number;
        this.planRequest = planRequest;
    }

    FaultPlan plan() {
        return plan;
    }

    long number() {
        return number;
    }

    /** Whether {@code fault} hits this request. Asking again gives the same answer. */
    boolean fires(Fault fault) {
        Trigger trigger = plan.trigger(fault);
        return !trigger.isNever()
                && trigger.fires(planRequest, injector.draw(plan, fault, planRequest));
    }

    /** The first fault that replaces this request's answer, or null to answer it. */
    Fault replacement() {
        for (Fault fault : plan.triggers().keySet()) {
            if (fault.replacesAnswer() && fires(fault)) {
                return fault;
            }
        }
        return null;
    }

    /** A generator for the details of {@code fault} on this request; the same on a replay. */
    SplittableRandom random(Fault fault) {
        return injector.random(plan, fault, planRequest);
    }

    /** The defect bad rows give {@code run} under this request's plan, or null. */
    BadRow badRow(SimulatedRun run) {
        return injector.badRow(plan, run);
    }

    /** Counts {@code fault} as injected into this request. */
    void injected(Fault fault, String detail) {
        injector.record(new InjectedFault(number, fault, detail));
    }
}
