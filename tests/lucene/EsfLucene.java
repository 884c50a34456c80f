// Builds the analysis of an ESF-sök export (index.json) with Lucene's own factories and
// answers the export's queries (query DSL) on the export's bulk documents, one
// MemoryIndex per document. This is what OpenSearch and Elasticsearch do with the same
// files: their analysis components are these Lucene classes, their match queries are
// built by Lucene's QueryBuilder. Run by tests/test_export_lucene.py.
//
//   java EsfLucene verdicts EXPORT_DIR QUERIES_JSON   -> "query_id<TAB>doc_id<TAB>0|1"
//   java EsfLucene tokens   EXPORT_DIR REQUESTS_JSON  -> "key<TAB>position<TAB>term"
//   java EsfLucene index    EXPORT_DIR TARGET_DIR     -> size and time of a real index
//   java EsfLucene search   EXPORT_DIR SEARCH_JSON    -> latency of the queries on it
//
// Only the filters the export uses are translated; anything else is an error, never
// silently skipped.

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.core.KeywordAnalyzer;
import org.apache.lucene.analysis.custom.CustomAnalyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.pattern.PatternCaptureGroupTokenFilter;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.analysis.util.TokenFilterFactory;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.SortedNumericDocValuesField;
import org.apache.lucene.document.SortedSetDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.memory.MemoryIndex;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.DisjunctionMaxQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TermRangeQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.QueryBuilder;

public class EsfLucene {

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: EsfLucene verdicts|tokens|index EXPORT_DIR FILE");
            System.exit(2);
        }
        Path export = Paths.get(args[1]);
        Export ex = new Export(export);
        PrintStream out = new PrintStream(System.out, false, "UTF-8");
        switch (args[0]) {
            case "verdicts": verdicts(ex, Paths.get(args[2]), out); break;
            case "tokens": tokens(ex, Paths.get(args[2]), out); break;
            case "index": index(ex, Paths.get(args[2]), out); break;
            case "search": search(ex, Paths.get(args[2]), out); break;
            default: throw new IllegalArgumentException("unknown mode " + args[0]);
        }
        out.flush();
    }

    // -- modes ---------------------------------------------------------------------
    static void verdicts(Export ex, Path queriesFile, PrintStream out) throws IOException {
        Map<String, Object> spec = Json.object(Json.parse(read(queriesFile)));
        List<Object> queries = Json.array(spec.get("queries"));
        List<String> ids = new ArrayList<>();
        List<IndexSearcher> searchers = new ArrayList<>();
        for (Map.Entry<String, Map<String, Object>> doc : ex.documents().entrySet()) {
            ids.add(doc.getKey());
            searchers.add(ex.memoryIndex(doc.getValue()).createSearcher());
        }
        for (Object item : queries) {
            Map<String, Object> q = Json.object(item);
            String qid = (String) q.get("id");
            Query query = ex.dsl(Json.object(q.get("query")));
            for (int i = 0; i < ids.size(); i++) {
                int hit = searchers.get(i).count(query) > 0 ? 1 : 0;
                out.println(qid + "\t" + ids.get(i) + "\t" + hit);
            }
        }
    }

    static void tokens(Export ex, Path requestsFile, PrintStream out) throws IOException {
        Map<String, Object> spec = Json.object(Json.parse(read(requestsFile)));
        for (Object item : Json.array(spec.get("requests"))) {
            Map<String, Object> r = Json.object(item);
            Analyzer analyzer = ex.analyzer((String) r.get("analyzer"));
            try (TokenStream ts = analyzer.tokenStream("f", (String) r.get("text"))) {
                CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
                PositionIncrementAttribute inc = ts.addAttribute(PositionIncrementAttribute.class);
                ts.reset();
                int pos = -1;
                while (ts.incrementToken()) {
                    pos += inc.getPositionIncrement();
                    out.println(r.get("key") + "\t" + pos + "\t" + term);
                }
                ts.end();
            }
        }
    }

    static void index(Export ex, Path target, PrintStream out) throws IOException {
        long started = System.nanoTime();
        Map<String, Analyzer> perField = new HashMap<>();
        for (String field : ex.textFields.keySet()) {
            perField.put(field, ex.analyzer(ex.textFields.get(field)[0]));
        }
        int count = 0;
        try (FSDirectory dir = FSDirectory.open(target);
             IndexWriter writer = new IndexWriter(dir, new IndexWriterConfig(
                     new PerFieldAnalyzerWrapper(new KeywordAnalyzer(), perField)))) {
            for (Map.Entry<String, String> line : ex.sourceLines().entrySet()) {
                Map<String, Object> source = Json.object(Json.parse(line.getValue()));
                Document d = new Document();
                d.add(new StringField("_id", line.getKey(), Field.Store.YES));
                // _source is kept as a stored field, as both engines keep it.
                d.add(new StoredField("_source", new BytesRef(line.getValue().getBytes(StandardCharsets.UTF_8))));
                for (Map.Entry<String, Object> f : source.entrySet()) {
                    ex.addFields(d, f.getKey(), f.getValue());
                }
                writer.addDocument(d);
                count++;
            }
            writer.forceMerge(1);
        }
        long bytes = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(target)) {
            for (Path p : files) bytes += Files.size(p);
        }
        out.println("documents\t" + count);
        out.println("bytes\t" + bytes);
        out.println("seconds\t" + (System.nanoTime() - started) / 1e9);
    }

    // The queries against an index written by "index", one thread, as one shard would
    // answer them: the top 20 by score and the exact total, every round.
    static void search(Export ex, Path specFile, PrintStream out) throws IOException {
        Map<String, Object> spec = Json.object(Json.parse(read(specFile)));
        int rounds = (int) Json.number(spec.getOrDefault("rounds", 3L));
        List<Query> queries = new ArrayList<>();
        for (Object item : Json.array(spec.get("queries"))) {
            queries.add(ex.dsl(Json.object(Json.object(item).get("query"))));
        }
        try (DirectoryReader reader = DirectoryReader.open(FSDirectory.open(Paths.get((String) spec.get("index"))))) {
            IndexSearcher searcher = new IndexSearcher(reader);
            // Warm up the JIT first: the first hundreds of runs of a query compile code.
            for (int r = 0; r < 200; r++) for (Query q : queries) { searcher.search(q, 20); searcher.count(q); }
            // Top 20 alone (Lucene skips blocks that cannot compete once 1,000 hits are
            // counted), and top 20 plus the exact total (track_total_hits: true).
            List<Double> top = new ArrayList<>();
            List<Double> exact = new ArrayList<>();
            long hits = 0;
            for (int r = 0; r < rounds; r++) {
                for (Query q : queries) {
                    long t = System.nanoTime();
                    TopDocs docs = searcher.search(q, 20);
                    long t1 = System.nanoTime();
                    hits += searcher.count(q);
                    long t2 = System.nanoTime();
                    if (docs.scoreDocs.length > 20) throw new IllegalStateException();
                    top.add((t1 - t) / 1e6);
                    exact.add((t2 - t) / 1e6);
                }
            }
            out.println("queries\t" + top.size());
            for (Object[] series : new Object[][] {{"top20", top}, {"exact", exact}}) {
                @SuppressWarnings("unchecked")
                List<Double> ms = (List<Double>) series[1];
                ms.sort(null);
                out.println(series[0] + "_p50_ms\t" + ms.get(ms.size() / 2));
                out.println(series[0] + "_p95_ms\t" + ms.get((int) Math.min(ms.size() - 1, Math.round(ms.size() * 0.95))));
            }
            out.println("hits\t" + hits);
        }
    }

    static String read(Path p) throws IOException {
        return new String(Files.readAllBytes(p), StandardCharsets.UTF_8);
    }

    // -- the export: analyzers, field mappings, documents, DSL ----------------------
    static class Export {
        final Path dir;
        final Map<String, Object> analysis;
        final Map<String, Analyzer> analyzers = new HashMap<>();
        // field -> {index analyzer, search analyzer, quote analyzer}
        final Map<String, String[]> textFields = new LinkedHashMap<>();
        final List<String> keywordFields = new ArrayList<>();
        // field -> the fields its value is also indexed into (copy_to)
        final Map<String, List<String>> copyTo = new HashMap<>();
        final Path scratch;

        Export(Path dir) throws IOException {
            this.dir = dir;
            Map<String, Object> body = Json.object(Json.parse(read(dir.resolve("index.json"))));
            Map<String, Object> settings = Json.object(body.get("settings"));
            analysis = Json.object(settings.get("analysis"));
            scratch = Files.createTempDirectory("esf-lucene");
            // The word lists written here are read while analysing; gone at exit, so
            // test runs do not leave a folder each behind in /tmp.
            Runtime.getRuntime().addShutdownHook(new Thread(() -> removeTree(scratch)));
            Map<String, Object> mappings = Json.object(body.get("mappings"));
            readProperties("", Json.object(mappings.get("properties")));
        }

        static void removeTree(Path root) {
            try (java.util.stream.Stream<Path> paths = Files.walk(root)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // best effort: a leftover scratch folder is harmless
            }
        }

        void readProperties(String prefix, Map<String, Object> props) {
            for (Map.Entry<String, Object> e : props.entrySet()) {
                Map<String, Object> m = Json.object(e.getValue());
                String name = prefix + e.getKey();
                String type = (String) m.get("type");
                if ("text".equals(type)) {
                    String index = (String) m.getOrDefault("analyzer", "standard");
                    String search = (String) m.getOrDefault("search_analyzer", index);
                    String quote = (String) m.getOrDefault("search_quote_analyzer", search);
                    textFields.put(name, new String[] {index, search, quote});
                    Object targets = m.get("copy_to");
                    if (targets != null) {
                        List<String> list = new ArrayList<>();
                        if (targets instanceof String) list.add((String) targets);
                        else for (Object t : Json.array(targets)) list.add((String) t);
                        copyTo.put(name, list);
                    }
                } else if ("keyword".equals(type)) {
                    keywordFields.add(name);
                }
                if (m.containsKey("fields")) {
                    readProperties(name + ".", Json.object(m.get("fields")));
                }
            }
        }

        Analyzer analyzer(String name) throws IOException {
            Analyzer found = analyzers.get(name);
            if (found == null) {
                found = build(Json.object(Json.object(analysis.get("analyzer")).get(name)));
                analyzers.put(name, found);
            }
            return found;
        }

        Analyzer build(Map<String, Object> spec) throws IOException {
            CustomAnalyzer.Builder b = CustomAnalyzer.builder(dir);
            Map<String, Object> tok = Json.object(Json.object(analysis.get("tokenizer"))
                    .get((String) spec.get("tokenizer")));
            String tokPattern = null;  // null: the standard tokenizer (for comparison)
            if ("pattern".equals(tok.get("type"))) {
                tokPattern = (String) tok.get("pattern");
                b.withTokenizer("pattern", "pattern", tokPattern, "group",
                        String.valueOf(Json.number(tok.getOrDefault("group", -1L))));
            } else if ("standard".equals(tok.get("type"))) {
                b.withTokenizer("standard");
            } else {
                throw new IllegalArgumentException("tokenizer type " + tok.get("type"));
            }
            Map<String, Object> filters = Json.object(analysis.get("filter"));
            for (Object f : Json.array(spec.get("filter"))) {
                String name = (String) f;
                Object custom = filters.get(name);
                addFilter(b, name, custom == null ? null : Json.object(custom), tokPattern);
            }
            return b.build();
        }

        void addFilter(CustomAnalyzer.Builder b, String name, Map<String, Object> f,
                       String tokPattern) throws IOException {
            if (f == null) {  // a built-in filter used by name
                switch (name) {
                    case "lowercase": b.addTokenFilter("lowercase"); return;
                    case "length":
                    b.addTokenFilter("length", "min", String.valueOf(Json.number(f.getOrDefault("min", 0L))),
                            "max", String.valueOf(Json.number(f.getOrDefault("max", (long) Integer.MAX_VALUE))));
                    return;
                case "asciifolding": b.addTokenFilter("asciiFolding"); return;
                    case "remove_duplicates": b.addTokenFilter("removeDuplicates"); return;
                    case "flatten_graph": b.addTokenFilter("flattenGraph"); return;
                    default: throw new IllegalArgumentException("built-in filter " + name);
                }
            }
            String type = (String) f.get("type");
            switch (type) {
                case "pattern_replace":
                    b.addTokenFilter("patternReplace", "pattern", (String) f.get("pattern"),
                            "replacement", (String) f.getOrDefault("replacement", ""),
                            "replace", Boolean.TRUE.equals(f.getOrDefault("all", true)) ? "all" : "first");
                    return;
                case "synonym":
                case "synonym_graph": {
                    // Elasticsearch parses the rules with the filters before this one;
                    // our rules are lower-cased single tokens of our tokenizer, so the
                    // tokenizer alone parses them the same way.
                    Map<String, String> a = new HashMap<>();
                    a.put("synonyms", wordFile(f, "synonyms", name, false));
                    a.put("format", "solr");
                    a.put("expand", String.valueOf(f.getOrDefault("expand", true)));
                    if (tokPattern != null) {
                        a.put("tokenizerFactory", "org.apache.lucene.analysis.pattern.PatternTokenizerFactory");
                        a.put("tokenizerFactory.pattern", tokPattern);
                        a.put("tokenizerFactory.group", "0");
                    } else {
                        a.put("tokenizerFactory", "org.apache.lucene.analysis.standard.StandardTokenizerFactory");
                    }
                    b.addTokenFilter(type.equals("synonym") ? "synonym" : "synonymGraph", a);
                    return;
                }
                case "stop": {
                    b.addTokenFilter("stop", "words", wordFile(f, "stopwords", name, false),
                            "ignoreCase", String.valueOf(f.getOrDefault("ignore_case", false)));
                    return;
                }
                case "keyword_marker": {
                    Map<String, String> a = new HashMap<>();
                    if (f.containsKey("keywords_pattern")) a.put("pattern", (String) f.get("keywords_pattern"));
                    if (f.containsKey("keywords") || f.containsKey("keywords_path")) {
                        a.put("protected", wordFile(f, "keywords", name, false));
                    }
                    a.put("ignoreCase", String.valueOf(f.getOrDefault("ignore_case", false)));
                    b.addTokenFilter("keywordMarker", a);
                    return;
                }
                case "stemmer_override":
                    b.addTokenFilter("stemmerOverride", "dictionary", wordFile(f, "rules", name, true));
                    return;
                case "snowball":
                    b.addTokenFilter("snowballPorter", "language", (String) f.get("language"));
                    return;
                case "dictionary_decompounder":
                    b.addTokenFilter("dictionaryCompoundWord",
                            "dictionary", wordFile(f, "word_list", name, false),
                            "minWordSize", String.valueOf(Json.number(f.getOrDefault("min_word_size", 5L))),
                            "minSubwordSize", String.valueOf(Json.number(f.getOrDefault("min_subword_size", 2L))),
                            "maxSubwordSize", String.valueOf(Json.number(f.getOrDefault("max_subword_size", 15L))),
                            "onlyLongestMatch", String.valueOf(f.getOrDefault("only_longest_match", false)));
                    return;
                case "pattern_capture": {
                    Map<String, String> a = new HashMap<>();
                    a.put("preserve_original", String.valueOf(f.getOrDefault("preserve_original", true)));
                    List<Object> patterns = Json.array(f.get("patterns"));
                    for (int i = 0; i < patterns.size(); i++) a.put("pattern" + i, (String) patterns.get(i));
                    b.addTokenFilter(CaptureFactory.class, a);
                    return;
                }
                case "length":
                    b.addTokenFilter("length", "min", String.valueOf(Json.number(f.getOrDefault("min", 0L))),
                            "max", String.valueOf(Json.number(f.getOrDefault("max", (long) Integer.MAX_VALUE))));
                    return;
                case "asciifolding":
                    b.addTokenFilter("asciiFolding", "preserveOriginal",
                            String.valueOf(f.getOrDefault("preserve_original", false)));
                    return;
                default:
                    throw new IllegalArgumentException("filter " + name + " of type " + type);
            }
        }

        // A word list as a file for a Lucene factory: the export's file (path relative
        // to the config directory, which the export directory mirrors), or the inline
        // list written out. Elasticsearch writes stemmer_override rules "a => b";
        // Lucene's factory reads "a<TAB>b".
        String wordFile(Map<String, Object> f, String key, String name, boolean rules) throws IOException {
            List<String> lines = new ArrayList<>();
            if (f.containsKey(key + "_path")) {
                lines.addAll(Files.readAllLines(dir.resolve((String) f.get(key + "_path")), StandardCharsets.UTF_8));
            } else {
                for (Object o : Json.array(f.get(key))) lines.add((String) o);
            }
            if (rules) {
                List<String> converted = new ArrayList<>();
                for (String line : lines) {
                    if (line.isBlank()) continue;
                    String[] sides = line.split("=>", 2);
                    for (String word : sides[0].split(",")) converted.add(word.trim() + "\t" + sides[1].trim());
                }
                lines = converted;
            }
            Path file = scratch.resolve(name + "-" + key + ".txt");
            Files.write(file, lines, StandardCharsets.UTF_8);
            return file.toAbsolutePath().toString();
        }

        Map<String, Map<String, Object>> documents() throws IOException {
            Map<String, Map<String, Object>> docs = new LinkedHashMap<>();
            for (Map.Entry<String, String> e : sourceLines().entrySet()) {
                docs.put(e.getKey(), Json.object(Json.parse(e.getValue())));
            }
            return docs;
        }

        // document id -> its _source line, in bulk order
        Map<String, String> sourceLines() throws IOException {
            Map<String, String> docs = new LinkedHashMap<>();
            List<Path> files = new ArrayList<>();
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "bulk-*.ndjson")) {
                for (Path p : ds) files.add(p);
            }
            files.sort(null);
            for (Path p : files) {
                List<String> lines = Files.readAllLines(p, StandardCharsets.UTF_8);
                for (int i = 0; i + 1 < lines.size(); i += 2) {
                    Map<String, Object> action = Json.object(Json.object(Json.parse(lines.get(i))).get("index"));
                    docs.put((String) action.get("_id"), lines.get(i + 1));
                }
            }
            return docs;
        }

        MemoryIndex memoryIndex(Map<String, Object> source) throws IOException {
            MemoryIndex mi = new MemoryIndex();
            for (Map.Entry<String, String[]> field : textFields.entrySet()) {
                Object value = lookup(source, field.getKey());
                for (String text : strings(value)) {
                    mi.addField(field.getKey(), text, analyzer(field.getValue()[0]));
                    for (String target : copyTo.getOrDefault(field.getKey(), List.of())) {
                        mi.addField(target, text, analyzer(textFields.get(target)[0]));
                    }
                }
            }
            KeywordAnalyzer keyword = new KeywordAnalyzer();
            for (String field : keywordFields) {
                for (String text : strings(source.get(field))) mi.addField(field, text, keyword);
            }
            return mi;
        }

        void addFields(Document d, String name, Object value) {
            if (textFields.containsKey(name)) {
                for (String text : strings(value)) {
                    d.add(new TextField(name, text, Field.Store.NO));
                    for (String target : copyTo.getOrDefault(name, List.of())) {
                        d.add(new TextField(target, text, Field.Store.NO));
                    }
                }
                for (String sub : textFields.keySet()) {
                    if (sub.startsWith(name + ".")) {
                        for (String text : strings(value)) d.add(new TextField(sub, text, Field.Store.NO));
                    }
                }
            } else if (keywordFields.contains(name)) {
                for (String text : strings(value)) {
                    d.add(new StringField(name, text, Field.Store.NO));
                    d.add(new SortedSetDocValuesField(name, new BytesRef(text)));  // aggregations
                }
            } else if (value instanceof Long) {  // long/integer fields: points and doc values
                d.add(new LongPoint(name, (Long) value));
                d.add(new SortedNumericDocValuesField(name, (Long) value));
            } else if (value instanceof String && ((String) value).matches("\\d{4}-\\d{2}-\\d{2}")) {
                long day = java.time.LocalDate.parse((String) value).toEpochDay();
                d.add(new LongPoint(name, day));
                d.add(new SortedNumericDocValuesField(name, day));
            }
        }

        // "title.folded" reads the value of "title", as a multi-field does.
        static Object lookup(Map<String, Object> source, String field) {
            int dot = field.indexOf('.');
            return source.get(dot < 0 ? field : field.substring(0, dot));
        }

        static List<String> strings(Object value) {
            List<String> out = new ArrayList<>();
            if (value instanceof String) out.add((String) value);
            else if (value instanceof List) for (Object o : (List<?>) value) if (o instanceof String) out.add((String) o);
            return out;
        }

        // -- query DSL -> Lucene, the subset the export writes -----------------------
        Query dsl(Map<String, Object> q) throws IOException {
            if (q.size() != 1) throw new IllegalArgumentException("one query per object: " + q.keySet());
            String kind = q.keySet().iterator().next();
            Object body = q.get(kind);
            switch (kind) {
                case "match_all": return new MatchAllDocsQuery();
                case "match_none": return new MatchNoDocsQuery();
                case "bool": return bool(Json.object(body));
                case "multi_match": return multiMatch(Json.object(body));
                case "match": {
                    Map.Entry<String, Object> e = single(Json.object(body));
                    Map<String, Object> opts = e.getValue() instanceof String
                            ? Map.of("query", e.getValue()) : Json.object(e.getValue());
                    return boost(match(e.getKey(), opts, false), opts);
                }
                case "prefix": {
                    Map.Entry<String, Object> e = single(Json.object(body));
                    Object v = e.getValue() instanceof String ? e.getValue() : Json.object(e.getValue()).get("value");
                    return new PrefixQuery(new Term(e.getKey(), (String) v));
                }
                case "term": {
                    Map.Entry<String, Object> e = single(Json.object(body));
                    Object v = e.getValue() instanceof String ? e.getValue() : Json.object(e.getValue()).get("value");
                    return new TermQuery(new Term(e.getKey(), (String) v));
                }
                case "terms": {
                    Map.Entry<String, Object> e = single(Json.object(body));
                    BooleanQuery.Builder b = new BooleanQuery.Builder();
                    for (Object v : Json.array(e.getValue())) b.add(new TermQuery(new Term(e.getKey(), (String) v)), BooleanClause.Occur.SHOULD);
                    return b.build();
                }
                case "exists": {
                    String field = (String) Json.object(body).get("field");
                    return TermRangeQuery.newStringRange(field, null, null, true, true);
                }
                default: throw new IllegalArgumentException("query type " + kind);
            }
        }

        static Map.Entry<String, Object> single(Map<String, Object> m) {
            if (m.size() != 1) throw new IllegalArgumentException("one field expected: " + m.keySet());
            return m.entrySet().iterator().next();
        }

        Query bool(Map<String, Object> b) throws IOException {
            BooleanQuery.Builder out = new BooleanQuery.Builder();
            boolean positive = false;
            int should = 0;
            for (String occur : new String[] {"must", "filter", "should", "must_not"}) {
                if (!b.containsKey(occur)) continue;
                Object clauses = b.get(occur);
                List<Object> list = clauses instanceof List ? Json.array(clauses) : List.of(clauses);
                for (Object c : list) {
                    Query q = dsl(Json.object(c));
                    switch (occur) {
                        case "must": out.add(q, BooleanClause.Occur.MUST); positive = true; break;
                        case "filter": out.add(q, BooleanClause.Occur.FILTER); positive = true; break;
                        case "should": out.add(q, BooleanClause.Occur.SHOULD); should++; break;
                        default: out.add(q, BooleanClause.Occur.MUST_NOT);
                    }
                }
            }
            // Elasticsearch: without must/filter at least one should clause must match;
            // a bool of only must_not clauses matches every other document.
            Object msm = b.get("minimum_should_match");
            if (msm != null) out.setMinimumNumberShouldMatch((int) Json.number(msm));
            else if (!positive && should > 0) out.setMinimumNumberShouldMatch(1);
            if (!positive && should == 0) out.add(new MatchAllDocsQuery(), BooleanClause.Occur.MUST);
            return out.build();
        }

        Query multiMatch(Map<String, Object> m) throws IOException {
            String type = (String) m.getOrDefault("type", "best_fields");
            boolean phrase = type.equals("phrase");
            List<Query> perField = new ArrayList<>();
            for (Object f : Json.array(m.get("fields"))) {
                String spec = (String) f;
                String field = spec;
                float weight = 1f;
                int caret = spec.indexOf('^');
                if (caret >= 0) {
                    field = spec.substring(0, caret);
                    weight = Float.parseFloat(spec.substring(caret + 1));
                }
                Query q = match(field, m, phrase);
                perField.add(weight == 1f ? q : new BoostQuery(q, weight));
            }
            if (type.equals("most_fields")) {
                BooleanQuery.Builder b = new BooleanQuery.Builder();
                for (Query q : perField) b.add(q, BooleanClause.Occur.SHOULD);
                return b.build();
            }
            if (!type.equals("best_fields") && !phrase) {
                throw new IllegalArgumentException("multi_match type " + type);
            }
            return new DisjunctionMaxQuery(perField, 0f);
        }

        // One field of a match / match_phrase: analysed with the query's analyzer or the
        // field's search (quote) analyzer, built by Lucene's QueryBuilder as the engines do.
        Query match(String field, Map<String, Object> opts, boolean phrase) throws IOException {
            String[] analyzersOfField = textFields.get(field);
            Analyzer analyzer;
            if (opts.containsKey("analyzer")) analyzer = analyzer((String) opts.get("analyzer"));
            else if (analyzersOfField != null) analyzer = analyzer(analyzersOfField[phrase ? 2 : 1]);
            else analyzer = new KeywordAnalyzer();
            QueryBuilder qb = new QueryBuilder(analyzer);
            qb.setAutoGenerateMultiTermSynonymsPhraseQuery(
                    (Boolean) opts.getOrDefault("auto_generate_synonyms_phrase_query", true));
            String text = (String) opts.get("query");
            Query q = phrase
                    ? qb.createPhraseQuery(field, text, (int) Json.number(opts.getOrDefault("slop", 0L)))
                    : qb.createBooleanQuery(field, text, "and".equals(opts.get("operator"))
                            ? BooleanClause.Occur.MUST : BooleanClause.Occur.SHOULD);
            if (q == null) {
                return "all".equals(opts.get("zero_terms_query")) ? new MatchAllDocsQuery() : new MatchNoDocsQuery();
            }
            return q;
        }

        static Query boost(Query q, Map<String, Object> opts) {
            Object b = opts.get("boost");
            return b == null ? q : new BoostQuery(q, (float) Json.decimal(b));
        }
    }

    // Elasticsearch's pattern_capture takes a list of patterns; Lucene's own factory
    // takes one, the filter itself any number. This factory only hands the list on.
    public static class CaptureFactory extends TokenFilterFactory {
        private final Pattern[] patterns;
        private final boolean preserve;

        public CaptureFactory(Map<String, String> args) {
            super(args);
            preserve = getBoolean(args, "preserve_original", true);
            List<Pattern> list = new ArrayList<>();
            for (int i = 0; args.containsKey("pattern" + i); i++) list.add(Pattern.compile(args.remove("pattern" + i)));
            patterns = list.toArray(new Pattern[0]);
            if (!args.isEmpty()) throw new IllegalArgumentException("unknown parameters " + args);
        }

        @Override
        public TokenFilter create(TokenStream input) {
            return new PatternCaptureGroupTokenFilter(input, preserve, patterns);
        }
    }

    // -- a small JSON reader (objects, arrays, strings, numbers, true/false/null) -----
    static class Json {
        private final String s;
        private int i;

        private Json(String s) { this.s = s; }

        static Object parse(String text) {
            Json j = new Json(text);
            j.ws();
            Object v = j.value();
            j.ws();
            if (j.i != text.length()) throw new IllegalArgumentException("trailing JSON at " + j.i);
            return v;
        }

        @SuppressWarnings("unchecked")
        static Map<String, Object> object(Object o) { return (Map<String, Object>) o; }

        @SuppressWarnings("unchecked")
        static List<Object> array(Object o) { return (List<Object>) o; }

        static long number(Object o) { return ((Number) o).longValue(); }

        static double decimal(Object o) { return ((Number) o).doubleValue(); }

        private void ws() { while (i < s.length() && Character.isWhitespace(s.charAt(i))) i++; }

        private Object value() {
            char c = s.charAt(i);
            if (c == '{') {
                Map<String, Object> m = new LinkedHashMap<>();
                i++; ws();
                if (s.charAt(i) == '}') { i++; return m; }
                while (true) {
                    ws(); String key = string(); ws(); expect(':'); ws();
                    m.put(key, value()); ws();
                    if (s.charAt(i) == ',') { i++; continue; }
                    expect('}'); return m;
                }
            }
            if (c == '[') {
                List<Object> l = new ArrayList<>();
                i++; ws();
                if (s.charAt(i) == ']') { i++; return l; }
                while (true) {
                    ws(); l.add(value()); ws();
                    if (s.charAt(i) == ',') { i++; continue; }
                    expect(']'); return l;
                }
            }
            if (c == '"') return string();
            if (s.startsWith("true", i)) { i += 4; return Boolean.TRUE; }
            if (s.startsWith("false", i)) { i += 5; return Boolean.FALSE; }
            if (s.startsWith("null", i)) { i += 4; return null; }
            int start = i;
            while (i < s.length() && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0) i++;
            String num = s.substring(start, i);
            if (num.isEmpty()) throw new IllegalArgumentException("bad JSON at " + start);
            if (num.contains(".") || num.contains("e") || num.contains("E")) return Double.parseDouble(num);
            return Long.parseLong(num);
        }

        private String string() {
            expect('"');
            StringBuilder b = new StringBuilder();
            while (true) {
                char c = s.charAt(i++);
                if (c == '"') return b.toString();
                if (c != '\\') { b.append(c); continue; }
                char e = s.charAt(i++);
                switch (e) {
                    case 'n': b.append('\n'); break;
                    case 't': b.append('\t'); break;
                    case 'r': b.append('\r'); break;
                    case 'b': b.append('\b'); break;
                    case 'f': b.append('\f'); break;
                    case 'u': b.append((char) Integer.parseInt(s.substring(i, i + 4), 16)); i += 4; break;
                    default: b.append(e);
                }
            }
        }

        private void expect(char c) {
            if (s.charAt(i) != c) throw new IllegalArgumentException("expected " + c + " at " + i);
            i++;
        }
    }
}
