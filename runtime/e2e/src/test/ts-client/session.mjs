// A scripted MCP session run by the official TypeScript SDK client against an SMCP server.
//
//   node session.mjs sse   <url of /sse>
//   node session.mjs http  <url of /mcp>        (Streamable HTTP)
//   node session.mjs stdio <command> [args...]  (the server as a child process speaking on stdin/stdout)
//
// Prints one JSON object per line on stdout, one per step, each with a "step" field; diagnostics go to stderr
// (in stdio mode the server's stderr is passed through). Exits 0 when every step ran as scripted, 1 when a step
// failed (the failing step is printed with a "failure" field), 2 on a usage error. The steps' contents are
// checked by TypeScriptClientE2E, not here.

import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { McpError } from '@modelcontextprotocol/sdk/types.js';

const USAGE = 'usage: node session.mjs sse <url> | http <url> | stdio <command> [args...]';

function emit(record) {
    process.stdout.write(JSON.stringify(record) + '\n');
}

function transportFor(kind, target) {
    switch (kind) {
        case 'sse':
            return new SSEClientTransport(new URL(target[0]));
        case 'http':
            return new StreamableHTTPClientTransport(new URL(target[0]));
        case 'stdio':
            return new StdioClientTransport({ command: target[0], args: target.slice(1), stderr: 'inherit' });
        default:
            return undefined;
    }
}

function describeError(error) {
    if (error instanceof McpError) {
        return { code: error.code, message: error.message, data: error.data ?? null };
    }
    return { message: String(error?.stack ?? error) };
}

/** The fields of a tools/call result the test looks at. */
function callRecord(step, tool, args, result) {
    const text = (result.content ?? []).filter(c => c.type === 'text').map(c => c.text);
    return { step, tool, arguments: args, isError: result.isError === true, text,
        structuredContent: result.structuredContent ?? null };
}

async function main(argv) {
    const [kind, ...target] = argv;
    const transport = target.length > 0 ? transportFor(kind, target) : undefined;
    if (!transport) {
        process.stderr.write(USAGE + '\n');
        return 2;
    }

    // the client hands the negotiated version to the transport (HTTP transports send it as a header); stdio
    // has no such method, so one is added here to observe it the same way for all three
    let negotiated = null;
    const setProtocolVersion = transport.setProtocolVersion?.bind(transport);
    transport.setProtocolVersion = version => {
        negotiated = version;
        setProtocolVersion?.(version);
    };

    const client = new Client({ name: 'smcp-ts-client-e2e', version: '0.1.0' });
    let step = 'initialize';
    try {
        await client.connect(transport);
        emit({ step, transport: kind, protocolVersion: negotiated, serverInfo: client.getServerVersion(),
            capabilities: client.getServerCapabilities() });

        step = 'tools/list';
        const listed = await client.listTools();
        const calculate = listed.tools.find(t => t.name === 'demo_math__calculate');
        emit({ step, tools: listed.tools.map(t => t.name), nextCursor: listed.nextCursor ?? null,
            calculateSchema: calculate?.inputSchema ?? null });

        step = 'call';
        const addArgs = { operation: 'add', a: 2, b: 3 };
        emit(callRecord(step, 'demo_math__calculate', addArgs,
            await client.callTool({ name: 'demo_math__calculate', arguments: addArgs })));

        step = 'tool-error';
        const divideArgs = { operation: 'divide', a: 1, b: 0 };
        emit(callRecord(step, 'demo_math__calculate', divideArgs,
            await client.callTool({ name: 'demo_math__calculate', arguments: divideArgs })));

        step = 'unknown-tool';
        let unknown;
        try {
            const result = await client.callTool({ name: 'no_such__tool', arguments: {} });
            unknown = { ...callRecord(step, 'no_such__tool', {}, result), failure: 'the call did not fail' };
        } catch (error) {
            if (!(error instanceof McpError)) {
                throw error;
            }
            unknown = { step, tool: 'no_such__tool', error: describeError(error) };
        }
        emit(unknown);
        if (unknown.failure) {
            return 1;
        }

        step = 'close';
        // Streamable HTTP: end the session on the server too (DELETE /mcp; the SDK accepts a 405 refusal)
        const terminated = transport instanceof StreamableHTTPClientTransport;
        if (terminated) {
            await transport.terminateSession();
        }
        await client.close();
        emit({ step, terminatedSession: terminated });
        return 0;
    } catch (error) {
        emit({ step, failure: describeError(error) });
        await client.close().catch(() => {});
        return 1;
    }
}

const code = await main(process.argv.slice(2));
// an SSE stream or a child process must not keep node alive once the session is over
process.stdout.write('', () => process.exit(code));
