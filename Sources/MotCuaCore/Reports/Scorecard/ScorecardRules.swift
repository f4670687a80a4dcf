extension Scorecard {
    /// The counting rules of the progress index, in Vietnamese, for the header of every output.
    static func rules(period: ScorecardPeriod, rule: ScorecardRule, running: Bool, asOf: Instant) -> [String] {
        let p = period
        var lines = [
            "Kỳ: \(p.vietnamese), từ 00:00 ngày \(p.from.vietnamese) đến hết ngày \(p.to.vietnamese) (giờ Việt Nam, UTC+7)\(running ? "; kỳ chưa kết thúc: số liệu tính đến \(asOf.dayMonthYearTime)" : "").",
            "Cách đọc quy tắc: \(rule.vietnamese) (--rule \(rule.rawValue)).",
            "Tiến độ giải quyết (20 điểm) = 20 × totalOnTime / totalReceived; ratio = totalOnTime / totalReceived × 100; totalOverdue = totalReceived − totalOnTime.",
            "totalReceived: hồ sơ tiếp nhận và xử lý trong kỳ — hồ sơ kỳ trước chuyển sang (tiếp nhận trước kỳ, chưa kết thúc trước kỳ) và hồ sơ tiếp nhận trong kỳ; hồ sơ trực tuyến tính từ khi được chấp nhận, hồ sơ không được chấp nhận không tính.",
            "totalOnTime: đã giải quyết (có kết quả) trong kỳ trước hạn hoặc đúng hạn, cộng hồ sơ chưa có kết quả còn trong hạn khi kết thúc kỳ.",
        ]
        switch rule {
        case .national:
            lines += [
                "So thời điểm: đã giải quyết đúng hạn khi có kết quả không muộn hơn giờ hẹn thống kê (hạn trên giấy hẹn cộng thời gian tạm dừng, tính lại khi nhận đủ bổ sung; không dời theo văn bản xin lỗi); chưa có kết quả còn trong hạn khi giờ hẹn không sớm hơn thời điểm kết thúc kỳ.",
                "Tạm dừng, chờ bổ sung khi kết thúc kỳ: trong hạn nếu lúc bắt đầu dừng chưa quá giờ hẹn, ngược lại là quá hạn.",
                "Từ chối, rút hồ sơ trong kỳ: không phải hồ sơ giải quyết, không tính vào totalReceived.",
            ]
        case .dateOnly:
            lines += [
                "So theo ngày (như điều kiện CONVERT(DATE) của hệ thống một cửa đã khảo sát): đúng hạn khi ngày có kết quả không sau ngày hẹn thống kê (có kết quả 16:59 ngày hẹn là đúng hạn); chưa có kết quả còn trong hạn khi ngày hẹn không trước ngày cuối kỳ.",
                "Tạm dừng, chờ bổ sung khi kết thúc kỳ: tính là trong hạn.",
                "Từ chối, rút hồ sơ trong kỳ (trạng thái 7 \"trả lại\"): tính vào totalReceived và là đúng hạn.",
            ]
        }
        lines += [
            "Hồ sơ có yêu cầu bổ sung lần thứ hai: quá hạn theo cả hai cách đọc.",
            "avgProcessingDays: số ngày làm việc trung bình từ khi tiếp nhận đến khi có kết quả, trừ thời gian tạm dừng, của hồ sơ đã giải quyết trong kỳ.",
            "Nhóm không có hồ sơ được tính điểm tối đa (chính sách của Cổng cho tiêu chí không áp dụng). Điểm các chỉ số khác theo công thức suy ra từ số liệu Cổng công bố (xem Docs/SCORECARD.md).",
        ]
        return lines
    }
}
