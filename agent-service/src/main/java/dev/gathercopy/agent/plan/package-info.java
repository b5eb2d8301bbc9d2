/**
 * Region planning: how to build a new version of a file from regions of the base version the storage side already
 * holds, plus literal bytes. An {@link dev.gathercopy.agent.plan.EditLog} yields the plan of edits it recorded without
 * reading any file; the {@link dev.gathercopy.agent.plan.DiffPlanner} finds one from the content of a working file
 * changed some other way. Both give a normalised {@link dev.gathercopy.agent.plan.Plan}, and the
 * {@link dev.gathercopy.agent.plan.PlanApplier} rebuilds a file from one. No Spring, no HTTP.
 */
package dev.gathercopy.agent.plan;
