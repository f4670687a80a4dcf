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
            return intakeKey(&state, form, .function(digit == 0 ? 10 : digit), env)
        }
        if key == .enter || key == .character("c") {
            state.mode = .browse
            return []
        }
        form.confirmingCancel = false
        return []
    }
    form.error = nil
    if let command = KeyMap.form.command(for: key), !(command == .toggle && isTextField(form.focus)) {
        switch command {
        case .cancel:
            if form.isDirty { form.confirmingCancel = true } else { state.mode = .browse }
            return []
        case .save: return saveIntake(&state, &form, env)
        case .explain:
            form.showExplanation.toggle()
            return []
        case .next: moveFocus(&form, 1)
        case .previous:
            if form.focus == .procedure && key == .up && !form.matches.isEmpty {
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
        case .toggle:
            toggle(&form)
        }
        if form.focus == .procedure, key == .down, !form.matches.isEmpty, command == .next {
            // ↓ in the procedure field walks the matches rather than leaving the field.
            moveFocus(&form, -1)
            form.matchIndex = min(form.matches.count - 1, form.matchIndex + 1)
        }
        return []
    }
    switch form.focus {
    case .channel:
        if key == .left || key == .right {
            let all = Channel.allCases
            let i = all.firstIndex(of: form.channel)!
            form.channel = all[(i + (key == .left ? all.count - 1 : 1)) % all.count]
        }
    case .document:
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
    return [.receive(intake, op: form.op)]
}

func actionMenuKey(_ state: inout AppState, _ original: ActionMenu, _ key: Key, _ env: AppEnvironment) -> [Effect] {
    var menu = original
    switch key {
    case .escape, .function(10):
        state.mode = .browse
        return []
    case .up: menu.index = max(0, menu.index - 1)
    case .down, .tab: menu.index = min(menu.actions.count - 1, menu.index + 1)
    case .enter:
        guard menu.actions.indices.contains(menu.index) else { state.mode = .browse; return [] }
        return openAction(&state, menu.actions[menu.index], env)
    case .character(let c):
        if let action = menu.actions.first(where: { ActionMenu.letter($0) == c }) { return openAction(&state, action, env) }
    default: break
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
    switch key {
    case .escape:
        state.mode = .browse
        return []
    case .function(2), .control("o"):
        return confirm(&dialog)
    case .enter:
        if dialog.focus >= fields.count - 1 { return confirm(&dialog) }
        dialog.focus += 1
    case .tab, .down:
        dialog.focus = min(max(0, fields.count - 1), dialog.focus + 1)
    case .backTab, .up:
        dialog.focus = max(0, dialog.focus - 1)
    case .left where field == .department || field == .returnMethod, .right where field == .department || field == .returnMethod:
        let step = key == .left ? -1 : 1
        if field == .department, !dialog.departments.isEmpty {
            dialog.departmentIndex = (dialog.departmentIndex + step + dialog.departments.count) % dialog.departments.count
        } else if field == .returnMethod {
            dialog.returnMethod = (dialog.returnMethod + step + 3) % 3
        }
    case .character(" ") where field == .department || field == .returnMethod:
        return actionKey(&state, dialog, .right, env)
    default:
        if let field { dialog.edit(field) { _ = $0.handle(key) } }
    }
    dialog.error = nil
    return []
}

private func confirm(_ dialog: inout ActionDialog) -> [Effect] {
    switch dialog.command() {
    case .failure(let error):
        dialog.error = error.message
        return []
    case .success(let command):
        dialog.saving = true
        return [.perform(command, code: dialog.code, version: dialog.version, op: dialog.op)]
    }
}

func receiptKey(_ state: inout AppState, _ original: ReceiptView, _ key: Key) -> [Effect] {
    var view = original
    switch key {
    case .escape, .enter, .function(10):
        state.mode = .browse
        return [.loadDetail(code: view.code)]
    case .function(7), .character("w"), .character("p"):
        return [.writeReceipt(code: view.code, text: view.text)]
    case .up: view.scroll = max(0, view.scroll - 1)
    case .down: view.scroll += 1
    case .pageUp: view.scroll = max(0, view.scroll - 10)
    case .pageDown: view.scroll += 10
    default: break
    }
    state.mode = .receipt(view)
    return []
}
