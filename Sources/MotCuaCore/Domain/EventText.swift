/// Vietnamese names of event kinds, for messages and history.
public enum EventText {
    public static func kindName(_ kind: DossierEvent.Kind) -> String {
        switch kind {
        case .received: return "tiếp nhận"
        case .transferred: return "chuyển xử lý"
        case .supplementRequested: return "yêu cầu bổ sung"
        case .supplementReceived: return "nhận bổ sung"
        case .suspended: return "tạm dừng"
        case .resumed: return "tiếp tục"
        case .resultReady: return "có kết quả"
        case .returned: return "trả kết quả"
        case .refused: return "từ chối"
        case .withdrawn: return "rút/dừng"
        case .extended: return "gia hạn"
        case .note: return "ghi chú"
        case .submitted: return "đăng ký trực tuyến"
        case .accepted: return "tiếp nhận hồ sơ trực tuyến"
        case .notAccepted: return "không tiếp nhận hồ sơ trực tuyến"
        case .rated: return "đánh giá mức độ hài lòng"
        case .feePaid: return "thu phí, lệ phí"
        case .feeRefunded: return "hoàn phí, lệ phí"
        case .feeExempted: return "miễn, giảm phí, lệ phí"
        case .documentRecorded: return "số hóa giấy tờ"
        }
    }
}
