package dev.gathercopy.agent.workingcopy;

import java.util.List;

/** The body of a PATCH of a working copy's content: edits applied in order. */
public record EditRequest(List<Edit> edits) {
}
