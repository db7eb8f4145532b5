package io.duvoexport.simulate;

/** A case queue of the team: runs tied to it carry its id and name. */
record CaseQueue(String id, String name) {}
