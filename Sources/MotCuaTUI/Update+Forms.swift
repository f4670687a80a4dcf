import Foundation
import MotCuaCore
import TerminalUI

/// Keys in the intake form. In a text field every printable key is text; commands use F-keys,
/// Tab, Enter, Esc and Ctrl keys only (Telex/VNI input stays intact).
func intakeKey(_ state: inout AppState, _ original: IntakeForm, _ key: Key, _ env: AppEnvironment) -> [Effect] {
    var form = original
    defer { if case .intake = state.mode { state.mode = .intake(form) } }
    if form.saving { return [] }
    if form.confirmingCancel {
        if case .character(let c) = key, let digit = c.wholeNumberValue {
            form.confirmingCancel = false                 // Esc + digit: the F-key fallback
            let effects = intakeKey(&state, form, .function(digit == 0 ? 10 : digit), env)
            if case .intake(let answered) = state.mode { form = answered }     // what the F-key did (saving…) stays
            return effects
        }
        if KeyMap.cancelIntake.command(for: key) == .discard {
            state.mode = .browse
            return []
        }
        form.confirmingCancel = false
        return []
    }
    form.error = nil
    if let command = KeyMap.form.command(for: key), applies(command, to: form.focus) {
        switch command {
        case .cancel:
            // Esc over the F5 explanation closes the explanation, not the form.
            if form.showExplanation { form.showExplanation = false; return [] }
            if form.isDirty { form.confirmingCancel = true } else { state.mode = .browse }
            return []
        case .save: return saveIntake(&state, &form, env)
        case .explain:
            form.showExplanation.toggle()
            return []
        case .down:
            // ↓ in the procedure field walks the matches ("↑↓ chọn"); elsewhere it is the next field.
            if form.focus == .procedure && !form.matches.isEmpty {
                form.matchIndex = min(form.matches.count - 1, form.matchIndex + 1)
            } else {
                moveFocus(&form, 1)
            }
        case .next:
            // Tab leaving the procedure field with matches and nothing chosen chooses the
            // highlighted match, as Enter does.
            if form.focus == .procedure && !form.matches.isEmpty && form.procedureCode == nil {
                chooseMatch(&form, env)
            } else {
                moveFocus(&form, 1)
            }
        case .previous: moveFocus(&form, -1)
        case .up:
            if form.focus == .procedure && !form.matches.isEmpty {
                form.matchIndex = max(0, form.matchIndex - 1)
            } else {
                moveFocus(&form, -1)
            }
        case .choose:
            if form.focus == .procedure {
                chooseMatch(&form, env)
            } else if form.focus == form.fields.last {
                return saveIntake(&state, &form, env)
            } else {
                moveFocus(&form, 1)
            }
        case .toggle, .nextChoice:
            toggle(&form)
        case .previousChoice:
            let all = Channel.allCases
            form.channel = all[(all.firstIndex(of: form.channel)! + all.count - 1) % all.count]
        case .paidInCash:
            let due = form.procedureCode.flatMap(env.catalogue.procedure).map { FeeLine.lines(for: $0, channel: form.channel).reduce(0) { $0 + $1.amount } } ?? 0
            if due > 0 { form.paidInCash.toggle() } else { form.error = "Thủ tục này không thu phí, lệ phí" }
        case .moreOriginals: form.adjustDocument(originals: 1)
        case .fewerOriginals: form.adjustDocument(originals: -1)
        case .moreCopies: form.adjustDocument(copies: 1)
        case .fewerCopies: form.adjustDocument(copies: -1)
        }
        return []
    }
    switch form.focus {
    case .channel, .document:
        break
    default:
        guard var field = form.textField(form.focus) else { return [] }
        guard field.handle(key) else { return [] }
        form.setText(form.focus, field)
        if form.focus == .procedure {
            form.matches = env.catalogue.search(form.procedureQuery.text).map(\.code)
            form.matchIndex = 0
        }
    }
    return []
}

private func isTextField(_ field: IntakeForm.Field) -> Bool {
    switch field {
    case .channel, .document: return false
    default: return true
    }
}

/// Space is text in a text field, and ←→ change the channel only on the channel field.
private func applies(_ command: FormCommand, to field: IntakeForm.Field) -> Bool {
    switch command {
    case .toggle: return !isTextField(field)
    case .previousChoice, .nextChoice: return field == .channel
    case .moreOriginals, .fewerOriginals, .moreCopies, .fewerCopies:
        if case .document = field { return true }
        return false
    default: return true
    }
}

private func moveFocus(_ form: inout IntakeForm, _ delta: Int) {
    let fields = form.fields
    guard let i = fields.firstIndex(of: form.focus) else { form.focus = .procedure; return }
    form.focus = fields[max(0, min(fields.count - 1, i + delta))]
}

private func chooseMatch(_ form: inout IntakeForm, _ env: AppEnvironment) {
    if form.matches.isEmpty { form.matches = env.catalogue.search(form.procedureQuery.text).map(\.code) }
    guard form.matches.indices.contains(form.matchIndex), let procedure = env.catalogue.procedure(form.matches[form.matchIndex]) else {
        form.error = "Không có thủ tục nào khớp \"\(form.procedureQuery.text)\""
        return
    }
    form.choose(procedure)
    form.procedureQuery = TextField(procedure.shortName, limit: 60)
    form.matches = []
    form.focus = .name
}

private func toggle(_ form: inout IntakeForm) {
    switch form.focus {
    case .document(let i): form.documents[i].checked.toggle()
    case .channel:
        let all = Channel.allCases
        form.channel = all[(all.firstIndex(of: form.channel)! + 1) % all.count]
    default: break
    }
}

private func saveIntake(_ state: inout AppState, _ form: inout IntakeForm, _ env: AppEnvironment) -> [Effect] {
    form.attemptedSave = true
    let issues = form.issues(catalogue: env.catalogue).filter { $0.value.severity == .error }
    if let first = form.fields.first(where: { issues[$0] != nil }), let issue = issues[first] {
        form.focus = first
        form.error = issue.message
        return []
    }
    guard let intake = form.intake() else { return [] }
    form.saving = true
    return [form.paidInCash ? .receivePaid(intake, op: form.op) : .receive(intake, op: form.op)]
}

func actionMenuKey(_ state: inout AppState, _ original: ActionMenu, _ key: Key, _ env: AppEnvironment) -> [Effect] {
    var menu = original
    switch KeyMap.actionMenu.command(for: key) {
    case .close:
        state.mode = .browse
        return []
    case .up: menu.index = max(0, menu.index - 1)
    case .down: menu.index = min(menu.actions.count + menu.extras.count - 1, menu.index + 1)
    case .open:
        if menu.index >= menu.actions.count, menu.extras.indices.contains(menu.index - menu.actions.count) {
            return menu.extras[menu.index - menu.actions.count] == .fee ? openFeeDialog(&state, env) : openDocumentsDialog(&state, env)
        }
        guard menu.actions.indices.contains(menu.index) else { state.mode = .browse; return [] }
        return openAction(&state, menu.actions[menu.index], env)
    case .choose(let action):
        if menu.actions.contains(action) { return openAction(&state, action, env) }
    case .fee:
        if menu.offersFee { return openFeeDialog(&state, env) }
    case .documents:
        if menu.offersDocuments { return openDocumentsDialog(&state, env) }
    case nil: break
    }
    state.mode = .actionMenu(menu)
    return []
}

func actionKey(_ state: inout AppState, _ original: ActionDialog, _ key: Key, _ env: AppEnvironment) -> [Effect] {
    var dialog = original
    defer { if case .action = state.mode { state.mode = .action(dialog) } }
    if dialog.saving { return [] }
    let fields = dialog.fields
    let field = dialog.focusedField
    let isChoice = field == .department || field == .official || field == .returnMethod || field == .resultForm || field == .rating
    var command = KeyMap.dialog.command(for: key)
    // ←→ change a choice; in a text field they move the cursor.
    if command == .previousChoice || command == .nextChoice, !isChoice { command = nil }
    switch command {
    case .cancel:
        state.mode = .browse
        return []
    case .confirm:
        return confirm(&dialog)
    case .nextOrConfirm:
        if dialog.focus >= fields.count - 1 { return confirm(&dialog) }
        dialog.focus += 1
    case .next:
        dialog.focus = min(max(0, fields.count - 1), dialog.focus + 1)
    case .previous:
        dialog.focus = max(0, dialog.focus - 1)
    case .previousChoice, .nextChoice:
        let step = command == .previousChoice ? -1 : 1
        if field == .department {
            dialog.stepDepartment(step)
        } else if field == .official {
            dialog.stepOfficial(step)
        } else if field == .rating {
            dialog.stepRating(step)
        } else if field == .resultForm {
            let all = ResultForm.allCases
            dialog.resultForm = all[(all.firstIndex(of: dialog.resultForm)! + step + all.count) % all.count]
        } else if field == .returnMethod {
            let all = ReturnMethod.Kind.allCases
            dialog.returnMethod = all[(all.firstIndex(of: dialog.returnMethod)! + step + all.count) % all.count]
        }
    case nil:
        if let field { dialog.edit(field) { _ = $0.handle(key) } }
    }
    dialog.error = nil
    return []
}

private func confirm(_ dialog: inout ActionDialog) -> [Effect] {
    switch dialog.command() {
    case .failure(let error):
        dialog.error = error.message
        // An unpaid fee is said once; confirming again returns anyway.
        if dialog.action == .returnResult && dialog.unpaid > 0 && !dialog.unpaidConfirmed { dialog.unpaidConfirmed = true; return [] }
        // As the intake form does: the next typing goes into the field at fault.
        if let field = error.field, let index = dialog.fields.firstIndex(of: field) { dialog.focus = index }
        return []
    case .success(let command):
        dialog.saving = true
        return [.perform(command, code: dialog.code, version: dialog.version, op: dialog.op)]
    }
}

func receiptKey(_ state: inout AppState, _ original: ReceiptView, _ key: Key) -> [Effect] {
    var view = original
    switch KeyMap.receipt.command(for: key) {
    case .close:
        state.mode = .browse
        return [.loadDetail(code: view.code)]
    case .write:
        return [.writeReceipt(code: view.code, text: view.text)]
    case .up: view.scroll = max(0, view.scroll - 1)
    case .down: view.scroll += 1
    case .pageUp: view.scroll = max(0, view.scroll - 10)
    case .pageDown: view.scroll += 10
    case nil: break
    }
    state.mode = .receipt(view)
    return []
}

func openAction(_ state: inout AppState, _ action: DossierAction, _ env: AppEnvironment) -> [Effect] {
    guard let row = state.selectedRow else { return noSelection(&state) }
    let d = row.summary
    guard action.isAllowed(in: d.state) else {
        state.message = .error(LifecycleError.illegalTransition(state: d.state, action: action).description)
        state.mode = .browse
        return []
    }
    guard AccessPolicy.allows(env.session.role, .dossier(action)) else {
        state.message = .error("\(env.session.role.vietnamese) không có quyền \(action.vietnamese)")
        state.mode = .browse
        return []
    }
    var dialog = ActionDialog(action: action, summary: d, catalogue: env.catalogue, officials: env.officials,
                              op: env.newOperationID(), counter: state.counter)
    if action == .returnResult, let detail = state.detail, detail.summary.id == d.id { dialog.unpaid = FeeAccount(detail).outstanding }
    state.mode = .action(dialog)
    return []
}
