import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// The elements of a parsed XML document, for counting and inspecting in tests.
struct XMLInspection {
    struct Element {
        var name: String
        var attributes: [String: String]
        /// Character data directly inside the element (entities decoded).
        var text: String
        var classes: [String] { (attributes["class"] ?? "").split(separator: " ").map(String.init) }
    }

    var elements: [Element]

    /// Parses `text`; `nil` when it is not well-formed XML.
    init?(_ text: String) {
        let collector = Collector()
        let ok: Bool = XMLInspection.lock.withLock {
            let parser = XMLParser(data: Data(text.utf8))
            parser.delegate = collector
            return parser.parse()
        }
        guard ok, collector.stack.isEmpty else { return nil }
        elements = collector.finished
    }

    /// Elements named `name`.
    func named(_ name: String) -> [Element] { elements.filter { $0.name == name } }
    /// Elements whose class list contains `cssClass`.
    func withClass(_ cssClass: String) -> [Element] { elements.filter { $0.classes.contains(cssClass) } }
    /// All character data, concatenated.
    var allText: String { elements.map(\.text).joined(separator: "\n") }

    /// libxml2-backed parsing is serialised (tests run in parallel).
    static let lock = NSLock()

    final class Collector: NSObject, XMLParserDelegate {
        var stack: [Element] = []
        var finished: [Element] = []

        func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                    qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
            stack.append(Element(name: elementName, attributes: attributeDict, text: ""))
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            if !stack.isEmpty { stack[stack.count - 1].text += string }
        }

        func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?,
                    qualifiedName qName: String?) {
            if let element = stack.popLast() { finished.append(element) }
        }
    }
}
