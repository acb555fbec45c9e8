package io.corral.server.commands;

import io.corral.server.controller.Command;
import io.corral.server.controller.CommandContext;
import io.corral.server.controller.Outcome;
import io.corral.server.domain.ClusterImage;
import io.corral.server.domain.CorralException;
import io.corral.server.domain.ErrorCode;
import io.corral.server.domain.NodeSpec;
import io.corral.server.domain.Workspace;
import io.corral.server.records.WorkspaceCreated;
import java.util.Map;
import java.util.regex.Pattern;

/** Creates a workspace. Ids are DNS labels: 1-63 characters from a-z 0-9 -, alphanumeric at both ends. */
public record CreateWorkspace(String id, String name, String region, Map<String, String> labels)
        implements Command<Workspace> {
    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");

    public CreateWorkspace {
        if (id == null || !DNS_LABEL.matcher(id).matches()) {
            throw CorralException.invalid("id", "workspace id '" + id
                    + "' must be a DNS label: 1-63 characters from a-z 0-9 -, starting and ending alphanumeric");
        }
        if (name != null && (name.isBlank() || name.length() > 200)) {
            throw CorralException.invalid("name", "name must be 1-200 characters");
        }
        labels = NodeSpec.checkLabels(labels);
    }

    @Override
    public Outcome<Workspace> execute(ClusterImage image, CommandContext ctx) {
        if (image.workspace(id).isPresent()) {
            throw new CorralException(ErrorCode.WORKSPACE_ALREADY_EXISTS, "workspace '" + id + "' already exists",
                    Map.of("workspace_id", id));
        }
        Workspace ws = new Workspace(id, name != null ? name : id, region, labels, ctx.nowMs());
        return Outcome.of(ws, new WorkspaceCreated(ws, ctx.nowMs(), ctx.actor()));
    }
}
