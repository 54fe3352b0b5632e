// A fake OpenAI-compatible provider: a real HTTP server on 127.0.0.1 speaking
// /v1/chat/completions (streamed and not), /v1/embeddings (a hashed bag of words: similar
// texts are near) and /v1/models, so the official openai SDK talks to it unmodified. Tests
// script latency, text, errors and disconnects per request, and read back every request.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { errorAnswer, type FakeError } from './errors';
import {
  type ChatRequest,
  countTokens,
  defaultReply,
  embed,
  promptText,
  promptTokens,
  toBase64Floats,
  tokenize,
} from './replies';

/** How the fake answers one chat request. Every field is optional. */
export interface Behaviour {
  /** The reply text (default: "Echo: <last user message>"). */
  reply?: string | ((request: ChatRequest) => string);
  /** Wait this long before answering at all (before the response headers). */
  latencyMs?: number;
  /** Wait this long between streamed tokens. */
  tokenDelayMs?: number;
  /** Answer with an error shaped like OpenAI's instead. */
  error?: FakeError;
  /** Stream this many tokens, then cut the connection (no finish, no [DONE]). */
  disconnectAfterTokens?: number;
  /** Stream this many tokens, then send nothing more while keeping the connection open. */
  stallAfterTokens?: number;
  /** Stream this many tokens, then wait for `hold` to settle before sending the rest. */
  holdAfterTokens?: number;
  hold?: Promise<unknown>;
  /** Drop the connection without answering. */
  dropConnection?: boolean;
  /** Leave usage out even when the request asks for it. */
  noUsage?: boolean;
}

/** How the fake answers one embeddings request. */
export interface EmbeddingBehaviour {
  /** Answer with an error shaped like OpenAI's (401: a refused key, 429: a rate limit…). */
  error?: FakeError;
  /** Wait this long before answering. */
  latencyMs?: number;
  /** Never answer (the connection stays open): the caller's timeout must end it. */
  hang?: boolean;
}

export interface RecordedRequest {
  seq: number;
  method: string;
  path: string;
  /** The bearer token the request carried. */
  apiKey: string | undefined;
  body: ChatRequest;
  receivedAt: number;
  /** When the fake finished its answer. */
  finishedAt?: number;
  /** When the client went away before the answer was finished (an abort). */
  closedAt?: number;
  /** The status the fake answered with, once it answered. */
  status?: number;
  tokensSent: number;
}

export interface FakeAiOptions {
  /** Answers not matched by a rule. */
  defaults?: Behaviour;
  /** When set, only these bearer tokens are accepted; others get OpenAI's 401. */
  apiKeys?: string[];
  /** Model ids listed by /v1/models. */
  models?: string[];
  /** Embedding size when the request does not ask for one. */
  embeddingDimensions?: number;
  port?: number;
}

interface Rule {
  match: (request: ChatRequest) => boolean;
  behaviour: Behaviour;
  times: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class FakeAi {
  readonly requests: RecordedRequest[] = [];
  defaults: Behaviour;
  apiKeys: Set<string> | undefined;
  models: string[];
  embeddingDimensions: number;
  private rules: Rule[] = [];
  private embeddingRules: { behaviour: EmbeddingBehaviour; times: number }[] = [];
  private seq = 0;
  private readonly server = createServer((req, res) => void this.handle(req, res));
  private readonly sockets = new Set<Socket>();
  url = '';
  /** The address without /v1: where an Ollama answers /api/tags. */
  origin = '';

  constructor(options: FakeAiOptions = {}) {
    this.defaults = options.defaults ?? {};
    this.apiKeys = options.apiKeys ? new Set(options.apiKeys) : undefined;
    this.models = options.models ?? ['gpt-4.1-mini', 'gpt-4o-mini', 'fake-small', 'fake-embedding'];
    this.embeddingDimensions = options.embeddingDimensions ?? 256;
    this.server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
  }

  async listen(port = 0): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(port, '127.0.0.1', resolve));
    this.origin = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    this.url = `${this.origin}/v1`;
    return this;
  }

  /** Answers requests matching `match` with `behaviour`, `times` times (default: always). First rule wins. */
  when(match: (request: ChatRequest) => boolean, behaviour: Behaviour, times = Number.POSITIVE_INFINITY): this {
    this.rules.push({ match, behaviour, times });
    return this;
  }

  /** Shorthand: requests whose prompt contains `marker` anywhere. */
  onPrompt(marker: string, behaviour: Behaviour, times?: number): this {
    return this.when((request) => promptText(request).includes(marker), behaviour, times);
  }

  /** Answers the next `times` embeddings requests (default: all) with `behaviour`. First rule wins. */
  onEmbeddings(behaviour: EmbeddingBehaviour, times = Number.POSITIVE_INFINITY): this {
    this.embeddingRules.push({ behaviour, times });
    return this;
  }

  /** Forgets the rules and the recorded requests. */
  reset(): void {
    this.rules = [];
    this.embeddingRules = [];
    this.requests.length = 0;
  }

  /** Embeddings requests received (answered or not). */
  embeddingRequests(): RecordedRequest[] {
    return this.requests.filter((r) => r.path.endsWith('/embeddings'));
  }

  /** Every text the embeddings requests that were answered with vectors asked for, in order. */
  embeddedTexts(): string[] {
    return this.embeddingRequests()
      .filter((r) => r.status === 200)
      .flatMap((r) => embeddingInputs(r.body));
  }

  /** Chat requests received, optionally only those whose prompt contains `marker`. */
  chats(marker?: string): RecordedRequest[] {
    return this.requests.filter(
      (r) => r.path.endsWith('/chat/completions') && (marker === undefined || promptText(r.body).includes(marker)),
    );
  }

  /** Streamed chat requests (replies, not titles), optionally only those whose prompt contains `marker`. */
  streams(marker?: string): RecordedRequest[] {
    return this.chats(marker).filter((r) => r.body.stream === true);
  }

  /** The most requests that were open at the same moment among `requests`. */
  static maxOverlap(requests: RecordedRequest[]): number {
    const edges = requests.flatMap((r) => [
      { at: r.receivedAt, d: 1 },
      { at: r.finishedAt ?? r.closedAt ?? Number.POSITIVE_INFINITY, d: -1 },
    ]);
    edges.sort((a, b) => a.at - b.at || a.d - b.d);
    let open = 0;
    let most = 0;
    for (const edge of edges) {
      open += edge.d;
      most = Math.max(most, open);
    }
    return most;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private behaviourFor(request: ChatRequest): Behaviour {
    const rule = this.rules.find((r) => r.times > 0 && r.match(request));
    if (!rule) return this.defaults;
    rule.times--;
    return { ...this.defaults, ...rule.behaviour };
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '').split('?')[0] ?? '';
    const raw = await readBody(req);
    let body: ChatRequest = {};
    try {
      body = raw ? (JSON.parse(raw) as ChatRequest) : {};
    } catch {
      return sendJson(res, 400, { error: { message: 'Invalid JSON body.', type: 'invalid_request_error' } });
    }
    const apiKey = req.headers.authorization?.replace(/^Bearer\s+/i, '');
    const record: RecordedRequest = {
      seq: ++this.seq,
      method: req.method ?? 'GET',
      path,
      apiKey,
      body,
      receivedAt: Date.now(),
      tokensSent: 0,
    };
    this.requests.push(record);
    res.on('close', () => {
      if (!res.writableFinished) record.closedAt ??= Date.now();
    });
    res.on('finish', () => {
      record.finishedAt = Date.now();
      record.status = res.statusCode;
    });

    // Ollama's own model list (it takes no key), so the fake can stand in for a local Ollama.
    if (req.method === 'GET' && path === '/api/tags') return this.ollamaTags(res);
    if (this.apiKeys && !(apiKey && this.apiKeys.has(apiKey))) {
      const answer = errorAnswer(401, apiKey ?? '', body.model ?? '');
      return sendJson(res, answer.status, answer.body);
    }
    if (req.method === 'GET' && path.endsWith('/models')) return this.listModels(res);
    if (req.method === 'POST' && path.endsWith('/embeddings')) return this.embeddings(res, body, record);
    if (req.method === 'POST' && path.endsWith('/chat/completions')) return this.chat(req, res, body, record);
    sendJson(res, 404, { error: { message: `Unknown endpoint ${req.method} ${path}`, type: 'invalid_request_error' } });
  }

  private listModels(res: ServerResponse): void {
    sendJson(res, 200, {
      object: 'list',
      data: this.models.map((id) => ({ id, object: 'model', created: 1_700_000_000, owned_by: 'fake-ai' })),
    });
  }

  /** GET /api/tags as Ollama answers it: the pulled models, named `<name>:<tag>`. */
  private ollamaTags(res: ServerResponse): void {
    sendJson(res, 200, {
      models: this.models.map((id) => {
        const name = id.includes(':') ? id : `${id}:latest`;
        return {
          name,
          model: name,
          modified_at: '2026-01-01T00:00:00Z',
          size: 2_019_393_189,
          digest: 'a80c4f17acd55265feec403c7aef86be0c25983ab279d83f3bcd3abbcb5b8b72',
          details: { format: 'gguf', family: 'llama', parameter_size: '3.2B', quantization_level: 'Q4_K_M' },
        };
      }),
    });
  }

  private async embeddings(res: ServerResponse, body: ChatRequest, record: RecordedRequest): Promise<void> {
    const rule = this.embeddingRules.find((r) => r.times > 0);
    if (rule) rule.times--;
    const behaviour = rule?.behaviour ?? {};
    if (behaviour.hang) return;
    if (behaviour.latencyMs) await sleep(behaviour.latencyMs);
    if (res.destroyed) return;
    if (behaviour.error !== undefined) {
      const answer = errorAnswer(behaviour.error, record.apiKey ?? '', String(body.model ?? ''));
      return sendJson(res, answer.status, answer.body, answer.headers);
    }
    const texts = embeddingInputs(body);
    const dimensions = typeof body.dimensions === 'number' ? body.dimensions : this.embeddingDimensions;
    const base64 = body.encoding_format === 'base64';
    const tokens = texts.reduce((n, t) => n + countTokens(t), 0);
    sendJson(res, 200, {
      object: 'list',
      model: body.model ?? 'fake-embedding',
      data: texts.map((text, index) => {
        const vector = embed(text, dimensions);
        return { object: 'embedding', index, embedding: base64 ? toBase64Floats(vector) : vector };
      }),
      usage: { prompt_tokens: tokens, total_tokens: tokens },
    });
  }

  private async chat(req: IncomingMessage, res: ServerResponse, body: ChatRequest, record: RecordedRequest) {
    const behaviour = this.behaviourFor(body);
    const model = body.model ?? 'fake';
    if (behaviour.latencyMs) await sleep(behaviour.latencyMs);
    if (res.destroyed) return;
    if (behaviour.dropConnection) {
      req.socket.destroy();
      return;
    }
    if (behaviour.error !== undefined) {
      const answer = errorAnswer(behaviour.error, record.apiKey ?? '', model);
      return sendJson(res, answer.status, answer.body, answer.headers);
    }
    const text =
      typeof behaviour.reply === 'function' ? behaviour.reply(body) : (behaviour.reply ?? defaultReply(body));
    const tokens = tokenize(text);
    const usage = {
      prompt_tokens: promptTokens(body),
      completion_tokens: tokens.length,
      total_tokens: promptTokens(body) + tokens.length,
    };
    const id = `chatcmpl-fake-${record.seq}`;
    const created = Math.floor(Date.now() / 1000);
    if (!body.stream) {
      return sendJson(res, 200, {
        id,
        object: 'chat.completion',
        created,
        model,
        choices: [
          {
            index: 0,
            message: { role: 'assistant', content: text, refusal: null },
            finish_reason: 'stop',
            logprobs: null,
          },
        ],
        usage,
      });
    }

    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
    const chunk = (delta: object, finish: string | null) =>
      ({
        id,
        object: 'chat.completion.chunk',
        created,
        model,
        choices: [{ index: 0, delta, finish_reason: finish }],
      }) as const;
    const send = (data: unknown) => res.write(`data: ${JSON.stringify(data)}\n\n`);
    send(chunk({ role: 'assistant', content: '' }, null));
    for (const token of tokens) {
      if (record.tokensSent === behaviour.disconnectAfterTokens) {
        // What was sent arrives, then the connection ends without the stream's end.
        req.socket.end();
        return;
      }
      if (record.tokensSent === behaviour.stallAfterTokens) return; // never ends; the client gives up
      if (record.tokensSent === behaviour.holdAfterTokens) await behaviour.hold;
      if (behaviour.tokenDelayMs) await sleep(behaviour.tokenDelayMs);
      if (res.destroyed || record.closedAt) return;
      send(chunk({ content: token }, null));
      record.tokensSent++;
    }
    send(chunk({}, 'stop'));
    if (body.stream_options?.include_usage && !behaviour.noUsage) {
      send({ id, object: 'chat.completion.chunk', created, model, choices: [], usage });
    }
    res.end('data: [DONE]\n\n');
  }
}

/** Starts a fake provider on 127.0.0.1 (port 0: a free one). */
export function startFakeAi(options: FakeAiOptions = {}): Promise<FakeAi> {
  return new FakeAi(options).listen(options.port ?? 0);
}

/** The texts an embeddings request asks for (`input` is a string or an array of them). */
function embeddingInputs(body: ChatRequest): string[] {
  const input = body.input;
  return Array.isArray(input) ? input.map(String) : [String(input ?? '')];
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    req.on('data', (part: Buffer) => parts.push(part));
    req.on('end', () => resolve(Buffer.concat(parts).toString('utf8')));
    req.on('error', reject);
  });
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}
