// Serves Stanford CoreNLP's annotation protocol (POST / with the text as body, JSON back; GET /ready,
// GET /live) from a pipeline loaded once, on 127.0.0.1 only.
// Why not StanfordCoreNLPServer itself: it binds every interface and has no option to choose one;
// this launcher keeps the same request and response shape (a subset of its JSON), so the client
// also talks to a stock CoreNLP server given by CORENLP_URL.
//
// Usage: java -cp "lib/*:classes" KgCoreNlpServer PORT THREADS MAX_CHARS TIMEOUT_MS [HOST]
//   HOST defaults to 127.0.0.1 (the loopback address); the Docker image passes 0.0.0.0 inside its container.
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import edu.stanford.nlp.ling.CoreAnnotations;
import edu.stanford.nlp.ling.CoreLabel;
import edu.stanford.nlp.pipeline.Annotation;
import edu.stanford.nlp.pipeline.StanfordCoreNLP;
import edu.stanford.nlp.util.CoreMap;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

public final class KgCoreNlpServer {
  /**
   * The pipeline the project measured and chose (see README, "Extraction"): the CoNLL 4-class CRF
   * only, without POS and lemmas, which the rules do not read (on 201 corpus articles they changed
   * 14 of 71,356 NER tags and added 10 s to 4 s of annotator time in one cold CLI run).
   */
  static Properties pipelineProperties() {
    Properties p = new Properties();
    p.setProperty("annotators", "tokenize,ssplit,ner");
    p.setProperty("enforceRequirements", "false");
    p.setProperty("tokenize.language", "en");
    p.setProperty("ner.model", "edu/stanford/nlp/models/ner/english.conll.4class.distsim.crf.ser.gz");
    p.setProperty("ner.applyFineGrained", "false");
    p.setProperty("ner.useSUTime", "false");
    p.setProperty("ner.applyNumericClassifiers", "false");
    p.setProperty("ner.statisticalOnly", "true");
    p.setProperty("ner.buildEntityMentions", "false");
    p.setProperty("ssplit.newlineIsSentenceBreak", "two");
    return p;
  }

  /**
   * A token longer than this many characters (a run of punctuation, a base64 blob) is tagged from its
   * first MAX_TOKEN_CHARS characters: the NER features of one token grow with the square of its length,
   * and a single 40,000-character token exhausts a 2 GB heap. Offsets and the word sent back are the token's own.
   */
  static final int MAX_TOKEN_CHARS = 100;

  /** Tokenize and split, shorten overlong tokens, run the taggers, restore the tokens. */
  static final class Pipeline {
    private final StanfordCoreNLP split;
    private final StanfordCoreNLP tag;

    Pipeline(Properties p) {
      Properties s = new Properties();
      s.putAll(p);
      s.setProperty("annotators", "tokenize,ssplit");
      Properties t = new Properties();
      t.putAll(p);
      t.setProperty("annotators", "ner");
      split = new StanfordCoreNLP(s);
      tag = new StanfordCoreNLP(t, false);
    }

    Annotation annotate(String text) {
      Annotation doc = new Annotation(text);
      split.annotate(doc);
      Map<CoreLabel, String> shortened = new IdentityHashMap<>();
      for (CoreLabel tok : doc.get(CoreAnnotations.TokensAnnotation.class)) {
        String w = tok.word();
        if (w != null && w.length() > MAX_TOKEN_CHARS) {
          int end = Character.isHighSurrogate(w.charAt(MAX_TOKEN_CHARS - 1)) ? MAX_TOKEN_CHARS - 1 : MAX_TOKEN_CHARS;
          shortened.put(tok, w);
          tok.setWord(w.substring(0, end));
          tok.setValue(w.substring(0, end));
        }
      }
      tag.annotate(doc);
      shortened.forEach((tok, w) -> {
        tok.setWord(w);
        tok.setValue(w);
      });
      return doc;
    }
  }

  public static void main(String[] args) throws Exception {
    if (args.length < 4 || args.length > 5) {
      System.err.println("Usage: KgCoreNlpServer PORT THREADS MAX_CHARS TIMEOUT_MS [HOST]");
      System.exit(2);
    }
    int port = Integer.parseInt(args[0]);
    int threads = Integer.parseInt(args[1]);
    int maxChars = Integer.parseInt(args[2]);
    long timeoutMs = Long.parseLong(args[3]);
    InetAddress host = args.length == 5 ? InetAddress.getByName(args[4]) : InetAddress.getLoopbackAddress();
    AtomicBoolean ready = new AtomicBoolean(false);
    HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 64);
    ExecutorService workers = Executors.newFixedThreadPool(threads);
    ExecutorService http = Executors.newFixedThreadPool(threads + 4);
    server.setExecutor(http);
    Pipeline[] pipeline = new Pipeline[1];

    server.createContext("/live", ex -> respond(ex, 200, "text/plain", "live\n"));
    server.createContext("/ready", ex -> respond(ex, ready.get() ? 200 : 503, "text/plain", ready.get() ? "ready\n" : "loading\n"));
    server.createContext("/", ex -> {
      if (!ex.getRequestMethod().equals("POST")) {
        respond(ex, 405, "text/plain", "POST the text to annotate\n");
        return;
      }
      if (!ready.get()) {
        respond(ex, 503, "text/plain", "models are loading\n");
        return;
      }
      byte[] body = readAtMost(ex.getRequestBody(), (long) maxChars * 4 + 1);
      String text = new String(body, StandardCharsets.UTF_8);
      if (text.length() > maxChars) {
        respond(ex, 413, "text/plain", "text longer than " + maxChars + " characters; split it\n");
        return;
      }
      Future<String> job = workers.submit(() -> {
        return toJson(pipeline[0].annotate(text));
      });
      try {
        respond(ex, 200, "application/json", job.get(timeoutMs, TimeUnit.MILLISECONDS));
      } catch (TimeoutException e) {
        job.cancel(true);
        respond(ex, 503, "text/plain", "annotation took longer than " + timeoutMs + " ms\n");
      } catch (Exception e) {
        respond(ex, 500, "text/plain", "annotation failed: " + e + "\n");
      }
    });
    server.start();
    System.err.println("KgCoreNlpServer listening on " + host.getHostAddress() + ":" + port + ", loading models");
    long t0 = System.nanoTime();
    pipeline[0] = new Pipeline(pipelineProperties());
    // Warm the models so the first real request is not the slow one.
    pipeline[0].annotate("Barack Obama met Angela Merkel in Berlin on Monday, Reuters said.");
    ready.set(true);
    System.err.println("KgCoreNlpServer ready in " + (System.nanoTime() - t0) / 1_000_000 + " ms");
  }

  private static byte[] readAtMost(InputStream in, long limit) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[65536];
    int n;
    while ((n = in.read(buf)) > 0) {
      out.write(buf, 0, n);
      if (out.size() > limit) break;
    }
    return out.toByteArray();
  }

  private static void respond(HttpExchange ex, int status, String type, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", type + "; charset=utf-8");
    ex.sendResponseHeaders(status, bytes.length);
    try (OutputStream os = ex.getResponseBody()) {
      os.write(bytes);
    }
  }

  /** The subset of CoreNLP's JSON output the client reads: sentences → tokens with offsets, POS and NER. */
  static String toJson(Annotation doc) {
    StringBuilder sb = new StringBuilder(1 << 16);
    sb.append("{\"sentences\":[");
    List<CoreMap> sentences = doc.get(CoreAnnotations.SentencesAnnotation.class);
    for (int s = 0; s < sentences.size(); s++) {
      if (s > 0) sb.append(',');
      sb.append("{\"index\":").append(s).append(",\"tokens\":[");
      List<CoreLabel> tokens = sentences.get(s).get(CoreAnnotations.TokensAnnotation.class);
      for (int t = 0; t < tokens.size(); t++) {
        CoreLabel tok = tokens.get(t);
        if (t > 0) sb.append(',');
        sb.append("{\"index\":").append(t + 1);
        sb.append(",\"word\":");
        str(sb, tok.word());
        sb.append(",\"characterOffsetBegin\":").append(tok.beginPosition());
        sb.append(",\"characterOffsetEnd\":").append(tok.endPosition());
        sb.append(",\"pos\":");
        str(sb, tok.tag() == null ? "" : tok.tag());
        sb.append(",\"ner\":");
        str(sb, tok.ner() == null ? "O" : tok.ner());
        sb.append('}');
      }
      sb.append("]}");
    }
    sb.append("]}");
    return sb.toString();
  }

  private static void str(StringBuilder sb, String v) {
    sb.append('"');
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      switch (c) {
        case '"': sb.append("\\\""); break;
        case '\\': sb.append("\\\\"); break;
        case '\n': sb.append("\\n"); break;
        case '\r': sb.append("\\r"); break;
        case '\t': sb.append("\\t"); break;
        default:
          if (c < 0x20) sb.append(String.format("\\u%04x", (int) c));
          else sb.append(c);
      }
    }
    sb.append('"');
  }
}
