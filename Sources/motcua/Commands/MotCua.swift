import ArgumentParser

/// The root command. Each command is a file in Commands/ (a group's subcommands nested in its type,
/// one file each in the group's folder); option groups shared by commands are in Options/; entry,
/// console, parsing and output shapes in Support/. Checks that need no store go in `validate()`.
struct MotCua: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "motcua",
        abstract: "Bộ phận Một cửa: tiếp nhận, theo dõi và trả kết quả hồ sơ thủ tục hành chính.",
        discussion: """
        Thời gian tính theo giờ Việt Nam (UTC+7) bất kể múi giờ của máy chủ. \
        Thêm --json để nhận một tài liệu JSON trên stdout. Mã thoát: 0 thành công, \
        2 dữ liệu nhập sai, 3 xung đột phiên bản, 4 vai trò không được phép, 1 lỗi khác.
        """,
        version: "0.5.5",
        subcommands: [
            TUICommand.self, DemoCommand.self, InitCommand.self, ReceiveCommand.self, ShowCommand.self, ListCommand.self,
            InboxCommand.self, AcceptCommand.self,
            TransferCommand.self, RequestSupplementCommand.self, SupplementReceivedCommand.self, SuspendCommand.self,
            ResumeCommand.self, ResultReadyCommand.self, ReturnCommand.self, RefuseCommand.self, WithdrawCommand.self,
            ExtendCommand.self, NoteCommand.self, RateCommand.self, RatingsCommand.self, OverdueCommand.self, ReportCommand.self, ScorecardCommand.self, PrintCommand.self,
            CatalogueCommand.self, UsersCommand.self, CalendarCommand.self, SyncCommand.self, NotifyCommand.self, ReplicateCommand.self, ProvinceCommand.self,
            TicketCommand.self, CallCommand.self, RecallCommand.self, NoShowCommand.self, ServeCommand.self, QueueStatusCommand.self,
            CounterCommand.self, KioskCommand.self, DisplayCommand.self,
            CheckCommand.self, ResealCommand.self, DoctorCommand.self, StressCommand.self, LookupCommand.self,
            PayCommand.self, FeesCommand.self, RefundCommand.self, ExemptCommand.self, CashbookCommand.self,
            DocumentCommand.self, DocumentsCommand.self,
        ],
        defaultSubcommand: TUICommand.self
    )
}
