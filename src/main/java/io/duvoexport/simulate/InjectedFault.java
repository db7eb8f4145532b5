package io.duvoexport.simulate;

/**
 * One fault injected into one request.
 *
 * @param request number of the request since the simulator started, from 1 (requests turned
 *     away by the rate limit count too)
 * @param fault what was injected
 * @param detail what exactly, e.g. {@code total 1000 reported as 998}
 */
public record InjectedFault(long request, Fault fault, String detail) {}
