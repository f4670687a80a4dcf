import Foundation
import MotCuaCore
import MotCuaDesk
import TerminalUI

/// F6: the actions the transition table and the user's role allow on the selected dossier.
public struct ActionMenu: Equatable, Sendable {
    public var code: String
    public var actions: [DossierAction]
    public var index = 0
    /// "Thu phí" follows the actions when the role may take a fee and the dossier is not closed.
    public var offersFee = false
    /// "Số hóa giấy tờ" last, when the role may record documents and the dossier was received.
    public var offersDocuments = false

    /// The rows after the actions, in the menu's order.
    public var extras: [ActionMenuCommand] { (offersFee ? [.fee] : []) + (offersDocuments ? [.documents] : []) }

    /// Each action's letter in the menu, from the menu's key table.
    public static func letter(_ action: DossierAction) -> Character {
        guard case .character(let letter) = KeyMap.actionMenu.binding(for: .choose(action))?.keys.first else { return "?" }
        return letter
    }
}

/// A confirmation dialog for one action: the inputs it needs and a sentence saying what will happen.
public struct ActionDialog: Equatable, Sendable {
    public enum Field: Hashable, Sendable { case department, official, reason, documents, until, returnMethod, proxyName, waybill, note, resultForm, rating }

    /// The rating picker's choices (F5 asks at return; F6 "l" records one afterwards).
    public enum RatingChoice: Hashable, Sendable {
        case notAsked, level(Rating.Level), onDevice

        public var label: String {
            switch self {
            case .notAsked: return "(không hỏi)"
            case .level(let level): return level.vietnamese
            case .onDevice: return "Khách đánh giá trên thiết bị"
            }
        }
    }

    public let action: DossierAction
    public let code: String
    public var version: Int
    public let applicant: String
    public let due: Instant
    public var departments: [String] = []
    public var departmentIndex = 0
    /// Everyone who may be named, with their departments; the picker offers the chosen department's.
    public let staff: [Official]
    /// 0: no official named ("(không giao đích danh)"); n: the n-th of `officialChoices`.
    public var officialIndex = 0
    public var reason = TextField(limit: 2000)
    public var documents = TextField(limit: 1000)
    public var until = TextField(limit: 16)
    public var returnMethod = ReturnMethod.Kind.applicant
    public var proxyName = TextField(limit: 200)
    public var waybill = TextField(limit: 40)
    public var note = TextField(limit: 2000)
    public var ratingChoice = RatingChoice.notAsked
    /// The clerk's counter (`motcua tui --counter N`): offers the counter's rating device.
    public let counter: Int?
    /// Return: the form the result is handed over in (paper, electronic, both).
    public var resultForm = ResultForm.paper
    /// Return: the fee still owed (from the loaded detail); a first confirmation only warns.
    public var unpaid = 0
    public var unpaidConfirmed = false
    public var focus = 0
    public var error: String?
    /// A conflict was reported: the next data refresh rebases the dialog on the current version.
    public var needsRebase = false
    public var saving = false
    public let op: String

    public init(action: DossierAction, summary: DossierSummary, catalogue: Catalogue, officials: [Official] = [],
                op: String = UUID().uuidString.lowercased(), counter: Int? = nil) {
        self.action = action
        self.counter = counter
        if action == .rate { ratingChoice = .level(.verySatisfied) }
        staff = action == .transfer ? officials : []
        code = summary.code
        version = summary.version
        applicant = summary.applicantName
        due = summary.due
        self.op = op
        if action == .transfer {
            departments = catalogue.departments.map(\.code).filter { $0 != summary.holder.department || summary.state == .received }
            let next = summary.procedure.route.map(\.department).drop { $0 != summary.holder.department }.dropFirst().first
            departmentIndex = departments.firstIndex(of: next ?? summary.procedure.leadDepartment) ?? 0
        }
        if action == .extend {
            departments = catalogue.departments.map(\.code)
            departmentIndex = departments.firstIndex(of: summary.holder.department) ?? 0
        }
    }

    public var fields: [Field] {
        switch action {
        case .transfer: return [.department, .official]
        case .requestSupplement: return [.reason, .documents]
        case .suspend, .refuse: return [.reason]
        case .withdraw: return [.reason]
        case .extend: return [.until, .reason, .department]
        case .returnResult:
            return [.returnMethod] + (returnMethod == .proxy ? [.proxyName] : returnMethod == .post ? [.waybill] : []) + [.resultForm, .rating]
        case .rate: return [.rating]
        case .note: return [.note]
        case .resultReady: return [.note]
        case .supplementReceived, .resume: return []
        }
    }

    public var focusedField: Field? { fields.indices.contains(focus) ? fields[focus] : nil }

    /// The department chosen, or "" when there is none to choose.
    public var department: String { departments.indices.contains(departmentIndex) ? departments[departmentIndex] : "" }

    /// The officials of the chosen department, whom the transfer may name.
    public var officialChoices: [Official] { staff.filter { $0.department == department } }

    /// The official named, if any.
    public var official: Official? {
        let choices = officialChoices
        return officialIndex > 0 && officialIndex <= choices.count ? choices[officialIndex - 1] : nil
    }

    /// The official picker's line: "(không giao đích danh)" or the name with the login.
    public var officialLabel: String { official.map { "\($0.name) (\($0.login))" } ?? Self.noOfficial }

    public static let noOfficial = "(không giao đích danh)"

    /// ←→ on the department: another department, its officials' list from the start.
    mutating func stepDepartment(_ step: Int) {
        guard !departments.isEmpty else { return }
        departmentIndex = (departmentIndex + step + departments.count) % departments.count
        officialIndex = 0
    }

    /// ←→ on the official: the next name of the department, "(không giao đích danh)" between the ends.
    mutating func stepOfficial(_ step: Int) {
        let count = officialChoices.count + 1
        officialIndex = (officialIndex + step + count) % count
    }

    mutating func edit(_ field: Field, _ change: (inout TextField) -> Void) {
        switch field {
        case .reason: change(&reason)
        case .documents: change(&documents)
        case .until: change(&until)
        case .proxyName: change(&proxyName)
        case .waybill: change(&waybill)
        case .note: change(&note)
        case .department, .official, .returnMethod, .resultForm, .rating: break
        }
    }

    func text(_ field: Field) -> TextField? {
        switch field {
        case .reason: return reason
        case .documents: return documents
        case .until: return until
        case .proxyName: return proxyName
        case .waybill: return waybill
        case .note: return note
        case .department, .official, .returnMethod, .resultForm, .rating: return nil
        }
    }

    public var ratingChoices: [RatingChoice] {
        let levels = Rating.Level.allCases.map(RatingChoice.level)
        if action == .rate { return levels }
        return [.notAsked] + levels + (counter != nil ? [.onDevice] : [])
    }

    mutating func stepRating(_ step: Int) {
        let all = ratingChoices
        let at = all.firstIndex(of: ratingChoice) ?? 0
        ratingChoice = all[(at + step + all.count) % all.count]
    }

    /// The return as chosen: the result's form, and what the citizen said (or the counter's device to ask).
    private func returning(_ method: ReturnMethod) -> DossierCommand {
        switch ratingChoice {
        case .notAsked: return .returnWith(method, form: resultForm, rating: nil)
        case .level(let level): return .returnWith(method, form: resultForm, rating: .given(Rating(level: level, channel: .desk)))
        case .onDevice: return .returnWith(method, form: resultForm, rating: counter.map { .onDevice(counter: $0) })
        }
    }

    /// `dd/MM/yyyy HH:mm` (or `dd/MM/yyyy`, meaning 17:00) in Vietnam time.
    static func parseDate(_ text: String) -> Instant? {
        let parts = text.split(separator: " ")
        guard let datePart = parts.first else { return nil }
        guard case .success(let date) = CivilDate.readVietnamese(String(datePart)) else { return nil }
        var time = TimeOfDay(17, 0)
        if parts.count == 2 {
            guard let t = TimeOfDay(String(parts[1])) else { return nil }
            time = t
        }
        return parts.count <= 2 ? Instant(date: date, time: time) : nil
    }

    /// The command to run, or what is missing.
    public func command() -> Result<DossierCommand, DialogError> {
        switch action {
        case .transfer:
            return .success(.transfer(department: department, official: official?.login))
        case .requestSupplement:
            guard !reason.isEmpty else { return .failure(DialogError("Nhập lý do yêu cầu bổ sung", in: .reason)) }
            let docs = documents.text.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            return .success(.requestSupplement(reason: reason.text, documents: docs))
        case .supplementReceived: return .success(.supplementReceived)
        case .suspend:
            guard !reason.isEmpty else { return .failure(DialogError("Nhập lý do tạm dừng", in: .reason)) }
            return .success(.suspend(reason: reason.text))
        case .resume: return .success(.resume)
        case .resultReady: return .success(.resultReady(note: note.isEmpty ? nil : note.text))
        case .returnResult:
            if unpaid > 0 && !unpaidConfirmed {
                return .failure(DialogError("Hồ sơ còn \(Money.text(unpaid)) phí, lệ phí chưa thu. Xác nhận lần nữa để vẫn trả (Esc: hủy, thu phí bằng F6 p)"))
            }
            switch returnMethod {
            case .proxy:
                guard !proxyName.isEmpty else { return .failure(DialogError("Nhập họ tên người được ủy quyền", in: .proxyName)) }
                return .success(returning(.proxy(name: proxyName.text)))
            case .post:
                guard !waybill.isEmpty else { return .failure(DialogError("Nhập số vận đơn bưu chính", in: .waybill)) }
                return .success(returning(.post(waybill: waybill.text)))
            case .applicant: return .success(returning(.applicant))
            }
        case .rate:
            guard case .level(let level) = ratingChoice else { return .failure(DialogError("Chọn mức đánh giá", in: .rating)) }
            return .success(.rate(Rating(level: level, channel: .desk)))
        case .refuse:
            guard !reason.isEmpty else { return .failure(DialogError("Nhập lý do từ chối", in: .reason)) }
            return .success(.refuse(reason: reason.text))
        case .withdraw: return .success(.withdraw(reason: reason.isEmpty ? nil : reason.text))
        case .extend:
            guard let date = Self.parseDate(until.text) else { return .failure(DialogError("Hạn mới phải có dạng dd/MM/yyyy HH:mm", in: .until)) }
            guard !reason.isEmpty else { return .failure(DialogError("Nhập lý do chậm trễ", in: .reason)) }
            return .success(.extend(until: date, reason: reason.text, department: department))
        case .note:
            guard !note.isEmpty else { return .failure(DialogError("Nhập nội dung ghi chú", in: .note)) }
            return .success(.note(note.text))
        }
    }

    /// "Thao tác này sẽ: …", so nobody confirms blind.
    public func consequence(env: AppEnvironment) -> String {
        let department = env.departmentName(self.department)
        switch action {
        case .transfer: return "Chuyển hồ sơ cho \(department)\(official.map { ", cán bộ \($0.name)" } ?? ""); thời hạn của bước tính theo quy trình."
        case .requestSupplement: return "Dừng tính thời gian và gửi yêu cầu bổ sung; khi nhận đủ, thời hạn tính lại từ đầu."
        case .supplementReceived: return "Ghi nhận đã nhận đủ hồ sơ bổ sung: thời hạn tính lại từ đầu, có hẹn trả mới."
        case .suspend: return "Tạm dừng xử lý: thời gian ngừng tính cho đến khi tiếp tục."
        case .resume: return "Tiếp tục xử lý: hẹn trả lùi thêm đúng số giờ làm việc đã tạm dừng."
        case .resultReady: return "Ghi nhận đã có kết quả; hồ sơ về bộ phận một cửa chờ trả."
        case .returnResult:
            let rating: String
            switch ratingChoice {
            case .notAsked: rating = ""
            case .level(let level): rating = " Người dân đánh giá: \(level.vietnamese)."
            case .onDevice: rating = " Mời người dân đánh giá trên thiết bị của quầy \(counter ?? 0)."
            }
            return "Trả kết quả (\(returnMethod.label.lowercased()), \(resultForm.vietnamese.lowercased())) và đóng hồ sơ.\(rating)"
        case .rate: return "Ghi nhận đánh giá của người dân một lần duy nhất; không sửa được sau khi lưu."
        case .refuse: return "Từ chối giải quyết và đóng hồ sơ (in Phiếu từ chối)."
        case .withdraw: return "Dừng xử lý theo đề nghị của người nộp và đóng hồ sơ."
        case .extend:
            // The new appointment as the clerk reads it out to the citizen and Mẫu 04 prints it.
            let until = Self.parseDate(self.until.text).map { "đến \($0.vietnameseForCitizen), " } ?? ""
            return "Gia hạn một lần duy nhất \(until)kèm văn bản xin lỗi (Mẫu 04); hẹn gốc \(due.vietnameseShort) vẫn dùng cho thống kê."
        case .note: return "Thêm ghi chú vào lịch sử hồ sơ."
        }
    }
}

public struct DialogError: Error, Equatable, Sendable {
    public let message: String
    /// The field to fix: a refused save puts the focus there.
    public let field: ActionDialog.Field?

    init(_ message: String, in field: ActionDialog.Field? = nil) {
        self.message = message
        self.field = field
    }
}
