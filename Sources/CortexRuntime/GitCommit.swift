import Foundation

/// The git commit of the source tree a program was built from, read from the `.git` folder found
/// above a path (the `cortex` executable lives in `.build/…` of its checkout), without running git:
/// `HEAD` is followed to its ref (loose or packed), through a worktree's `gitdir:` file. Nil when
/// there is no repository above the path (an installed binary) or it cannot be read.
public enum GitCommit {
    /// The commit (40 hex digits) of the repository containing `url`, if any.
    public static func find(near url: URL) -> String? {
        var folder = url.standardizedFileURL.deletingLastPathComponent()
        let fm = FileManager.default
        while folder.path != "/" {
            let dotGit = folder.appendingPathComponent(".git")
            var isFolder: ObjCBool = false
            if fm.fileExists(atPath: dotGit.path, isDirectory: &isFolder) {
                let gitDir = isFolder.boolValue ? dotGit : worktreeGitDir(dotGit, base: folder)
                return gitDir.flatMap(head)
            }
            folder = folder.deletingLastPathComponent()
        }
        return nil
    }

    /// `gitdir: PATH` of a worktree's `.git` file.
    static func worktreeGitDir(_ file: URL, base: URL) -> URL? {
        guard let text = try? String(contentsOf: file, encoding: .utf8), text.hasPrefix("gitdir:") else { return nil }
        let path = text.dropFirst("gitdir:".count).trimmingCharacters(in: .whitespacesAndNewlines)
        return path.hasPrefix("/") ? URL(fileURLWithPath: path) : base.appendingPathComponent(path)
    }

    /// The commit `HEAD` names in `gitDir` (a worktree's refs live in its common folder).
    static func head(_ gitDir: URL) -> String? {
        guard let head = try? String(contentsOf: gitDir.appendingPathComponent("HEAD"), encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines) else { return nil }
        guard head.hasPrefix("ref:") else { return isCommit(head) ? head : nil }
        let ref = head.dropFirst("ref:".count).trimmingCharacters(in: .whitespaces)
        var folders = [gitDir]
        if let common = try? String(contentsOf: gitDir.appendingPathComponent("commondir"), encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines) {
            folders.append(common.hasPrefix("/") ? URL(fileURLWithPath: common) : gitDir.appendingPathComponent(common))
        }
        for folder in folders {
            if let loose = try? String(contentsOf: folder.appendingPathComponent(ref), encoding: .utf8)
                .trimmingCharacters(in: .whitespacesAndNewlines), isCommit(loose) { return loose }
            if let packed = try? String(contentsOf: folder.appendingPathComponent("packed-refs"), encoding: .utf8) {
                for line in packed.split(separator: "\n") where line.hasSuffix(" " + ref) {
                    let hash = String(line.prefix(40))
                    if isCommit(hash) { return hash }
                }
            }
        }
        return nil
    }

    static func isCommit(_ text: String) -> Bool {
        text.count == 40 && text.allSatisfy { $0.isHexDigit }
    }
}
